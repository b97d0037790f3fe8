# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="zh" tracks="frontline"
# # 模块 4 练习：双录与冷静期
#
# 本练习共 12 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 4 exercise: Sales recording and the cooling-off period
#
# This exercise is worth 12 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 4 练习：双录与冷静期
#
# 本练习共 14 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 4 exercise: Sales recording and the cooling-off period
#
# This exercise is worth 14 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
sales, recordings, cooling_off, products = bank.sales, bank.recordings, bank.cooling_off, bank.products

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：缺少可用双录的网点销售
#
# 编写函数 `unrecorded_sales(sales, recordings, products)`，返回**需要双录却没有可用双录**的销售（`sales` 的行，保留原有列）。
#
# - 需要双录：网点渠道（`channel == "branch"`）销售的非存款产品（`products.type` 不是 `"deposit"`）。
# - 可用双录：`sales.recording_id` 指向的那段录音录像在销售专区内录制（`in_sales_zone`），并且录音（`audio_ok`）和录像（`video_ok`）都可用。
# - `recording_id` 为空的销售没有任何双录。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): in-branch sales without a usable recording
#
# Write `unrecorded_sales(sales, recordings, products)`, returning the sales (rows of `sales`, with its columns) that **need a recording but have no usable one**.
#
# - A sale needs a recording when it was made in the branch (`channel == "branch"`) and its product is not a deposit (`products.type` is not `"deposit"`).
# - A recording is usable when the recording that `sales.recording_id` points to was made in the sales zone (`in_sales_zone`) and both its audio (`audio_ok`) and its video (`video_ok`) are usable.
# - A sale whose `recording_id` is empty has no recording at all.

# %% tracks="analyst" solution="unrecorded"
def unrecorded_sales(sales, recordings, products):
    ### BEGIN SOLUTION
    kind = sales.product_id.map(products.set_index("product_id").type)
    required = sales.channel.eq("branch") & kind.ne("deposit")
    good = recordings.recording_id[recordings.in_sales_zone & recordings.audio_ok & recordings.video_ok]
    return sales[required & ~sales.recording_id.isin(good)]
    ### END SOLUTION


# %% tracks="analyst" mistake="unrecorded" name="missing-id-only"
def unrecorded_sales(sales, recordings, products):
    kind = sales.product_id.map(products.set_index("product_id").type)
    required = sales.channel.eq("branch") & kind.ne("deposit")
    return sales[required & sales.recording_id.isna()]


# %% tracks="analyst" mistake="unrecorded" name="audio-or-video"
def unrecorded_sales(sales, recordings, products):
    kind = sales.product_id.map(products.set_index("product_id").type)
    required = sales.channel.eq("branch") & kind.ne("deposit")
    good = recordings.recording_id[recordings.in_sales_zone & (recordings.audio_ok | recordings.video_ok)]
    return sales[required & ~sales.recording_id.isin(good)]


# %% tracks="analyst" mistake="unrecorded" name="every-channel"
def unrecorded_sales(sales, recordings, products):
    kind = sales.product_id.map(products.set_index("product_id").type)
    required = kind.ne("deposit")
    good = recordings.recording_id[recordings.in_sales_zone & recordings.audio_ok & recordings.video_ok]
    return sales[required & ~sales.recording_id.isin(good)]


# %% tracks="analyst" test="unrecorded" points=3
toy_sales = pd.DataFrame({
    "sale_id": ["ok", "none", "mute", "mobile", "deposit", "lobby"],
    "product_id": ["fund", "fund", "fund", "fund", "dep", "fund"],
    "channel": ["branch", "branch", "branch", "mobile", "branch", "branch"],
    "recording_id": ["r1", None, "r3", None, None, "r6"],
})
toy_recordings = pd.DataFrame({"recording_id": ["r1", "r3", "r6"], "in_sales_zone": [True, True, False],
                               "audio_ok": [True, False, True], "video_ok": [True, True, True]})
toy_products = pd.DataFrame({"product_id": ["fund", "dep"], "type": ["fund", "deposit"]})
result = unrecorded_sales(toy_sales, toy_recordings, toy_products)
assert list(result.columns) == list(toy_sales.columns), "请返回 sales 中的行，并保留它原有的所有列"  # [zh]
assert list(result.columns) == list(toy_sales.columns), "return rows of sales with its columns"  # [en]
assert sorted(result.sale_id) == ["lobby", "mute", "none"], "none 没有双录，mute 的录音不可用，lobby 是在销售专区外录制的"  # [zh]
assert sorted(result.sale_id) == ["lobby", "mute", "none"], "none has no recording, mute has no audio, lobby was recorded outside the sales zone"  # [en]
### BEGIN HIDDEN TESTS
product_type = products.set_index("product_id").type
checked = sales.merge(recordings[["recording_id", "in_sales_zone", "audio_ok", "video_ok"]], on="recording_id", how="left")
usable = checked[["in_sales_zone", "audio_ok", "video_ok"]].eq(True).all(axis=1)
needs = checked.channel.eq("branch") & checked.product_id.map(product_type).ne("deposit")
assert sorted(unrecorded_sales(sales, recordings, products).sale_id) == sorted(checked.sale_id[needs & ~usable])
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（2 分）：申请距销售的小时数
#
# 编写函数 `hours_after_sale(cooling_off, sales)`，对 `cooling_off` 的每一笔申请，计算提出申请的时间（`requested_at`）距该笔销售的时间（`sales.sold_at`）过了多少小时，
# 返回一个与 `cooling_off` 索引相同的浮点数 `Series`（例如 1 天 6 小时 30 分为 `30.5`）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (2 points): hours from sale to request
#
# Write `hours_after_sale(cooling_off, sales)`. For each request in `cooling_off`, work out how many hours passed between the sale (`sales.sold_at`) and the request (`requested_at`).
# Return a `Series` of floats with the same index as `cooling_off` (for example, 1 day 6 hours 30 minutes is `30.5`).

# %% tracks="analyst" solution="hours"
def hours_after_sale(cooling_off, sales):
    ### BEGIN SOLUTION
    sold_at = cooling_off.sale_id.map(sales.set_index("sale_id").sold_at)
    return (cooling_off.requested_at - sold_at) / pd.Timedelta(hours=1)
    ### END SOLUTION


# %% tracks="analyst" mistake="hours" name="seconds-drops-days"
def hours_after_sale(cooling_off, sales):
    sold_at = cooling_off.sale_id.map(sales.set_index("sale_id").sold_at)
    return (cooling_off.requested_at - sold_at).dt.seconds / 3600


# %% tracks="analyst" mistake="hours" name="calendar-days"
def hours_after_sale(cooling_off, sales):
    sold_at = cooling_off.sale_id.map(sales.set_index("sale_id").sold_at)
    return (cooling_off.requested_at.dt.normalize() - sold_at.dt.normalize()).dt.days * 24.0


# %% tracks="analyst" test="hours" points=2
toy_sales = pd.DataFrame({"sale_id": ["s1", "s2"], "sold_at": pd.to_datetime(["2025-03-01 10:00", "2025-03-05 09:00"])})
toy_requests = pd.DataFrame({"request_id": ["k1", "k2"], "sale_id": ["s2", "s1"],
                             "requested_at": pd.to_datetime(["2025-03-05 12:30", "2025-03-02 16:30"])})
hours = hours_after_sale(toy_requests, toy_sales)
assert list(hours.index) == list(toy_requests.index), "每笔申请返回一个值，索引与 cooling_off 相同"  # [zh]
assert list(hours.index) == list(toy_requests.index), "return one value per request, with the index of cooling_off"  # [en]
assert [round(float(h), 2) for h in hours] == [3.5, 30.5], "k1 在销售后 3.5 小时提出，k2 在 1 天 6.5 小时（即 30.5 小时）后提出"  # [zh]
assert [round(float(h), 2) for h in hours] == [3.5, 30.5], "k1 came 3.5 hours after its sale, k2 1 day 6.5 hours (30.5 hours) after"  # [en]
### BEGIN HIDDEN TESTS
joined = cooling_off.merge(sales[["sale_id", "sold_at"]], on="sale_id", how="left")
expected = (joined.requested_at - joined.sold_at).dt.total_seconds().to_numpy() / 3600
got = hours_after_sale(cooling_off, sales)
assert list(got.index) == list(cooling_off.index)
assert ((got.to_numpy(dtype=float) - expected) ** 2).max() < 1e-9
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：冷静期内没有全额退款的申请
#
# 编写函数 `cooling_off_breaches(cooling_off, sales)`，返回在冷静期内提出（销售后**不超过 24 小时**，正好 24 小时也算在内）、但退款金额（`refunded_cny`）**少于**购买金额（`sales.amount_cny`）的申请，
# 包括一分钱也没退的申请。返回 `cooling_off` 的行，保留原有列，并增加一列 `owed_cny`：仍欠客户的金额（购买金额减去已退金额）。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): requests in the cooling-off period that were not refunded in full
#
# Write `cooling_off_breaches(cooling_off, sales)`, returning the requests made within the cooling-off period (**no more than 24 hours** after the sale; exactly 24 hours counts as within)
# whose refund (`refunded_cny`) is **less than** the amount bought (`sales.amount_cny`), including requests that got nothing back.
# Return rows of `cooling_off` with its columns, plus a column `owed_cny`: the money still owed to the customer (the amount bought minus the amount refunded).

# %% tracks="analyst" solution="breaches"
def cooling_off_breaches(cooling_off, sales):
    ### BEGIN SOLUTION
    sale = sales.set_index("sale_id")
    hours = (cooling_off.requested_at - cooling_off.sale_id.map(sale.sold_at)) / pd.Timedelta(hours=1)
    owed = cooling_off.sale_id.map(sale.amount_cny) - cooling_off.refunded_cny
    return cooling_off[(hours <= 24) & (owed > 0)].assign(owed_cny=owed)
    ### END SOLUTION


# %% tracks="analyst" mistake="breaches" name="refused-only"
def cooling_off_breaches(cooling_off, sales):
    sale = sales.set_index("sale_id")
    hours = (cooling_off.requested_at - cooling_off.sale_id.map(sale.sold_at)) / pd.Timedelta(hours=1)
    owed = cooling_off.sale_id.map(sale.amount_cny) - cooling_off.refunded_cny
    return cooling_off[(hours <= 24) & (cooling_off.refunded_cny == 0)].assign(owed_cny=owed)


# %% tracks="analyst" mistake="breaches" name="24-hours-is-late"
def cooling_off_breaches(cooling_off, sales):
    sale = sales.set_index("sale_id")
    hours = (cooling_off.requested_at - cooling_off.sale_id.map(sale.sold_at)) / pd.Timedelta(hours=1)
    owed = cooling_off.sale_id.map(sale.amount_cny) - cooling_off.refunded_cny
    return cooling_off[(hours < 24) & (owed > 0)].assign(owed_cny=owed)


# %% tracks="analyst" mistake="breaches" name="no-time-limit"
def cooling_off_breaches(cooling_off, sales):
    owed = cooling_off.sale_id.map(sales.set_index("sale_id").amount_cny) - cooling_off.refunded_cny
    return cooling_off[owed > 0].assign(owed_cny=owed)


# %% tracks="analyst" test="breaches" points=3
toy_sales = pd.DataFrame({"sale_id": ["s1", "s2", "s3", "s4", "s5"],
                          "sold_at": pd.to_datetime(["2025-05-01 10:00"] * 5),
                          "amount_cny": [1_000_000.0, 2_000_000.0, 1_000_000.0, 1_500_000.0, 1_000_000.0]})
toy_requests = pd.DataFrame({
    "request_id": ["full", "partial", "refused", "edge", "late"],
    "sale_id": ["s1", "s2", "s3", "s4", "s5"],
    "requested_at": pd.to_datetime(["2025-05-01 15:00", "2025-05-02 08:00", "2025-05-01 20:00", "2025-05-02 10:00", "2025-05-02 18:00"]),
    "refunded_cny": [1_000_000.0, 1_960_000.0, 0.0, 1_470_000.0, 0.0],
})
result = cooling_off_breaches(toy_requests, toy_sales)
assert list(result.columns) == list(toy_requests.columns) + ["owed_cny"], "请返回 cooling_off 中的行，保留原有的列，并增加 owed_cny 列"  # [zh]
assert list(result.columns) == list(toy_requests.columns) + ["owed_cny"], "return rows of cooling_off with its columns plus owed_cny"  # [en]
assert sorted(result.request_id) == ["edge", "partial", "refused"], "partial 和 edge 只退了一部分，refused 一分没退；edge 正好在第 24 小时提出，仍在期内；late 在冷静期之后提出"  # [zh]
assert sorted(result.request_id) == ["edge", "partial", "refused"], "partial and edge were refunded in part, refused got nothing; edge came at exactly 24 hours; late came after the period"  # [en]
assert dict(zip(result.request_id, result.owed_cny)) == {"partial": 40_000.0, "refused": 1_000_000.0, "edge": 30_000.0}, "owed_cny 是购买金额减去已退金额"  # [zh]
assert dict(zip(result.request_id, result.owed_cny)) == {"partial": 40_000.0, "refused": 1_000_000.0, "edge": 30_000.0}, "owed_cny is the amount bought minus the amount refunded"  # [en]
### BEGIN HIDDEN TESTS
joined = cooling_off.merge(sales[["sale_id", "sold_at", "amount_cny"]], on="sale_id", how="left")
in_period = joined.requested_at - joined.sold_at <= pd.Timedelta(hours=24)
short = joined.refunded_cny < joined.amount_cny
expected = joined[in_period & short]
got = cooling_off_breaches(cooling_off, sales)
assert sorted(got.request_id) == sorted(expected.request_id)
assert abs(got.owed_cny.sum() - (expected.amount_cny - expected.refunded_cny).sum()) < 0.01
### END HIDDEN TESTS

# %% question="recording-broken"

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好：它按支行统计了金禾银行一年来**需要双录**的网点销售（网点渠道销售的非存款产品），其中有多少笔**完全没有双录**，又有多少笔虽然有双录编号、但那段双录**不可用**（不在销售专区内录制，或者录音、录像有一项不可用）。
# 这两种情况都等于没有符合规定的双录。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. For each branch it counts Jinhe Bank's in-branch sales over the year that **need a recording** (any product other than a deposit, sold in the branch), how many of them have **no recording at all**, and how many carry a recording id but a recording that is **not usable** (made outside the sales zone, or with unusable audio or video).
# Either way, the sale has no recording that meets the rule.

# %% tracks="frontline"
from salesacademy import bankdata

kind = sales.product_id.map(products.set_index("product_id").type)
required = sales[sales.channel.eq("branch") & kind.ne("deposit")]
usable = recordings.recording_id[recordings.in_sales_zone & recordings.audio_ok & recordings.video_ok]
by_branch = pd.DataFrame({
    "required": required.groupby("branch_id").size(),
    "none": required.recording_id.isna().groupby(required.branch_id).sum(),
    "unusable": (required.recording_id.notna() & ~required.recording_id.isin(usable)).groupby(required.branch_id).sum(),
})
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
by_branch.columns = ["需要双录的网点销售（笔）", "其中完全没有双录（笔）", "其中有双录但不可用（笔）"]  # [zh]
by_branch.columns = ["In-branch sales needing a recording", "of which with no recording", "of which with an unusable recording"]  # [en]
by_branch.rename_axis("支行")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="unrecorded-count"

# %% question="cooling-off-window"

# %% question="refund-amount"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 昨天下午 3 点，一位客户在销售专区签署了文件，购买了 100 万元的私募理财产品。今天上午 11 点，他打来电话说改变了主意，想把钱要回来。
# 同事建议你："跟他说钱已经投出去了，要退也得扣认购费。再拖他几个小时，过了下午 3 点就不在冷静期了；实在不行，送他一份礼品让他别退。"
# 你会怎么做？请说明客户的权利和应退的金额，指出同事建议中的问题并引用相关规则，再说明你会如何留痕和报告。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# At 3 p.m. yesterday a customer signed the documents in the sales zone and bought 1,000,000 yuan of a private wealth product. At 11 a.m. today he phones: he has changed his mind and wants his money back.
# A colleague suggests: "Tell him the money is already invested and that a refund means losing the subscription fee. Keep him talking for a few more hours; after 3 p.m. he is out of the cooling-off period. If that fails, offer him a gift to stay in."
# What do you do? State the customer's right and the amount he must get back, explain what is wrong with your colleague's suggestions, citing the relevant rules, and say how you would document and report the matter. (100–200 words)

# %% [markdown] written="cooling-off-call" points=4
# YOUR ANSWER HERE
