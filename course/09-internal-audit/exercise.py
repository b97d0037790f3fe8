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
# # 模块 9 练习：内部审计与销售记录监测
#
# 本练习共 14 分，及格线 70%。每道题都在下方的**答案单元格**中作答：在 `%%answer` 下面一行填写一个字母或一个数字，不需要编写任何代码。
# 最后一题是书面回答，直接写在题目下方的单元格中，由培训师按评分标准评分。全部答完后，点击工具栏上的 **检查**，看看每道题是否都已按要求作答，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="frontline"
# # Module 9 exercise: Internal audit and surveillance of sales records
#
# This exercise is worth 14 points; the pass mark is 70%. Answer each question in the **answer cell** below it: on the line under `%%answer`, type one letter or one number. No code is needed.
# The last question is a written answer, typed in the cell under it and graded by a trainer against a rubric. When you have answered everything, press **Check** on the toolbar to see that each answer is in the form asked for, then press **Submit** in My training.

# %% [markdown] lang="zh" tracks="analyst"
# # 模块 9 练习：内部审计与销售记录监测
#
# 本练习共 16 分，及格线 70%。代码题和选择题由系统自动评分，书面题由培训师按评分标准人工评分。
# 代码题请在标有 `YOUR CODE HERE` 的位置编写函数；选择题在答案单元格的 `%%answer` 下一行填写字母；书面题直接写在题目下方的单元格中。完成后点击工具栏上的 **检查**，再在“我的培训”中点击 **提交**。

# %% [markdown] lang="en" tracks="analyst"
# # Module 9 exercise: Internal audit and surveillance of sales records
#
# This exercise is worth 16 points; the pass mark is 70%. Code and choice questions are graded automatically; the written question is graded by a trainer against a rubric.
# Write each function where it says `YOUR CODE HERE`; for a choice question, type the letter on the line under `%%answer` in its answer cell; write the written answer in the cell under its question. Press **Check** on the toolbar to check your work, then **Submit** in My training.

# %%
import pandas as pd

from salesacademy import bankdata

bank = bankdata.load(seed=7)
sales, products, recordings, complaints = bank.sales, bank.products, bank.recordings, bank.complaints

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：谁卖了货架外的产品
#
# 只有 `products.on_shelf` 为 `True` 的产品才在准入名单上。**不在**准入名单上的产品都是货架外产品，包括根本不在 `products` 表里的产品代码。
#
# 编写函数 `off_shelf_by_staff(sales, products)`，找出销售了货架外产品的员工，返回一个以 `staff_id` 为索引的 `DataFrame`，包含两列：
# `sales`（该员工货架外销售的笔数）和 `amount_cny`（这些销售的金额合计），按 `amount_cny` 从高到低排列。没有货架外销售的员工不必出现。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): who sold products off the shelf?
#
# Only products whose `products.on_shelf` is `True` are on the approved list. Every product **not** on the approved list is off the shelf, product codes missing from the `products` table included.
#
# Write `off_shelf_by_staff(sales, products)`, finding the staff who sold off-shelf products. Return a `DataFrame` indexed by `staff_id` with two columns:
# `sales` (the employee's number of off-shelf sales) and `amount_cny` (the total amount of those sales), sorted by `amount_cny` from highest to lowest. Staff without off-shelf sales need not appear.

# %% solution="off-shelf" tracks="analyst"
def off_shelf_by_staff(sales, products):
    ### BEGIN SOLUTION
    approved = products.product_id[products.on_shelf]
    off_shelf = sales[~sales.product_id.isin(approved)]
    summary = off_shelf.groupby("staff_id").agg(sales=("sale_id", "size"), amount_cny=("amount_cny", "sum"))
    return summary.sort_values("amount_cny", ascending=False)
    ### END SOLUTION


# %% mistake="off-shelf" name="listed-products-only" tracks="analyst"
def off_shelf_by_staff(sales, products):
    unapproved = products.product_id[~products.on_shelf]
    off_shelf = sales[sales.product_id.isin(unapproved)]
    summary = off_shelf.groupby("staff_id").agg(sales=("sale_id", "size"), amount_cny=("amount_cny", "sum"))
    return summary.sort_values("amount_cny", ascending=False)


# %% mistake="off-shelf" name="high-return-rule" tracks="analyst"
def off_shelf_by_staff(sales, products):
    promised = sales.product_id.map(products.set_index("product_id").benchmark_return_pct)
    off_shelf = sales[promised > 8]
    summary = off_shelf.groupby("staff_id").agg(sales=("sale_id", "size"), amount_cny=("amount_cny", "sum"))
    return summary.sort_values("amount_cny", ascending=False)


# %% tracks="analyst" test="off-shelf" points=3
toy_sales = pd.DataFrame({
    "sale_id": ["t1", "t2", "t3", "t4", "t5"],
    "staff_id": ["S1", "S1", "S2", "S2", "S3"],
    "product_id": ["PA", "PX", "PZ", "PZ", "PH"],
    "amount_cny": [100_000.0, 2_000_000.0, 1_500_000.0, 1_000_000.0, 50_000.0],
})
toy_products = pd.DataFrame({"product_id": ["PA", "PH", "PX"], "benchmark_return_pct": [3.0, 8.5, 9.0], "on_shelf": [True, True, False]})
result = off_shelf_by_staff(toy_sales, toy_products)
assert list(result.index) == ["S2", "S1"], "S2 卖了两笔不在产品表里的 PZ（共 250 万元），S1 卖了一笔货架外的 PX（200 万元）；PH 虽然收益高，但已获准"  # [zh]
assert list(result.index) == ["S2", "S1"], "S2 sold PZ, missing from the product table, twice (2.5 million), S1 sold the off-shelf PX once (2 million); PH has a high return but is approved"  # [en]
assert result.to_dict("index") == {"S2": {"sales": 2, "amount_cny": 2_500_000}, "S1": {"sales": 1, "amount_cny": 2_000_000}}, "列应为 sales（笔数）和 amount_cny（金额合计）"  # [zh]
assert result.to_dict("index") == {"S2": {"sales": 2, "amount_cny": 2_500_000}, "S1": {"sales": 1, "amount_cny": 2_000_000}}, "the columns are sales (a count) and amount_cny (a total)"  # [en]
### BEGIN HIDDEN TESTS
shelf = set(products.product_id[products.on_shelf])
hidden_off = sales[[product not in shelf for product in sales.product_id]]
expected_amount = hidden_off.groupby("staff_id").amount_cny.sum().sort_values(ascending=False)
result = off_shelf_by_staff(sales, products)
assert list(result.index) == list(expected_amount.index)
assert dict(result.amount_cny) == dict(expected_amount)
assert dict(result.sales) == dict(hidden_off.staff_id.value_counts())
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（4 分）：标记有危险信号的销售
#
# 编写函数 `risk_flags(sales, products, recordings, complaints)`，返回一个与 `sales` 索引相同的布尔 `Series`。一笔销售只要符合下列任意一条，就为 `True`：
#
# 1. 产品不在准入名单上（同上一题）；
# 2. 网点渠道（`channel` 为 `"branch"`）销售的非存款产品（产品 `type` 不是 `"deposit"`），没有**可用的**录音录像。
#    可用是指：`sales.recording_id` 对应的录音录像存在，并且 `audio_ok`、`video_ok`、`in_sales_zone` 都为 `True`；
# 3. 客户就这笔销售提出过类别为 `"mis_selling"`（销售误导）的投诉。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (4 points): flag the risky sales
#
# Write `risk_flags(sales, products, recordings, complaints)`, returning a boolean `Series` with the same index as `sales`. A sale is `True` when any of these holds:
#
# 1. its product is not on the approved list (as in the previous question);
# 2. it is an in-branch sale (`channel` is `"branch"`) of a product other than a deposit (the product's `type` is not `"deposit"`) without a **usable** recording.
#    Usable means that the recording named by `sales.recording_id` exists and its `audio_ok`, `video_ok` and `in_sales_zone` are all `True`;
# 3. the customer complained about the sale with category `"mis_selling"`.

# %% solution="flags" tracks="analyst"
def risk_flags(sales, products, recordings, complaints):
    ### BEGIN SOLUTION
    off_shelf = ~sales.product_id.isin(products.product_id[products.on_shelf])
    product_type = sales.product_id.map(products.set_index("product_id").type)
    needs_recording = sales.channel.eq("branch") & product_type.ne("deposit")
    usable = recordings.recording_id[recordings.audio_ok & recordings.video_ok & recordings.in_sales_zone]
    no_usable_recording = needs_recording & ~sales.recording_id.isin(usable)
    mis_selling = sales.sale_id.isin(complaints.sale_id[complaints.category.eq("mis_selling")])
    return off_shelf | no_usable_recording | mis_selling
    ### END SOLUTION


# %% mistake="flags" name="missing-recording-only" tracks="analyst"
def risk_flags(sales, products, recordings, complaints):
    off_shelf = ~sales.product_id.isin(products.product_id[products.on_shelf])
    product_type = sales.product_id.map(products.set_index("product_id").type)
    needs_recording = sales.channel.eq("branch") & product_type.ne("deposit")
    no_recording = needs_recording & sales.recording_id.isna()
    mis_selling = sales.sale_id.isin(complaints.sale_id[complaints.category.eq("mis_selling")])
    return off_shelf | no_recording | mis_selling


# %% mistake="flags" name="recording-for-every-sale" tracks="analyst"
def risk_flags(sales, products, recordings, complaints):
    off_shelf = ~sales.product_id.isin(products.product_id[products.on_shelf])
    usable = recordings.recording_id[recordings.audio_ok & recordings.video_ok & recordings.in_sales_zone]
    no_usable_recording = ~sales.recording_id.isin(usable)
    mis_selling = sales.sale_id.isin(complaints.sale_id[complaints.category.eq("mis_selling")])
    return off_shelf | no_usable_recording | mis_selling


# %% mistake="flags" name="any-complaint" tracks="analyst"
def risk_flags(sales, products, recordings, complaints):
    off_shelf = ~sales.product_id.isin(products.product_id[products.on_shelf])
    product_type = sales.product_id.map(products.set_index("product_id").type)
    needs_recording = sales.channel.eq("branch") & product_type.ne("deposit")
    usable = recordings.recording_id[recordings.audio_ok & recordings.video_ok & recordings.in_sales_zone]
    no_usable_recording = needs_recording & ~sales.recording_id.isin(usable)
    return off_shelf | no_usable_recording | sales.sale_id.isin(complaints.sale_id)


# %% tracks="analyst" test="flags" points=4
toy_sales = pd.DataFrame({
    "sale_id": ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"],
    "product_id": ["PF", "PF", "PF", "PF", "PD", "PX", "PF", "PF"],
    "channel": ["branch", "branch", "branch", "mobile", "branch", "mobile", "online", "online"],
    "recording_id": ["r1", None, "r3", None, None, None, None, None],
}, index=range(10, 18))
toy_products = pd.DataFrame({"product_id": ["PF", "PD", "PX"], "type": ["fund", "deposit", "private_wealth"], "on_shelf": [True, True, False]})
toy_recordings = pd.DataFrame({"recording_id": ["r1", "r3"], "sale_id": ["s1", "s3"], "audio_ok": [True, True], "video_ok": [True, False], "in_sales_zone": [True, True]})
toy_complaints = pd.DataFrame({"sale_id": ["s7", "s8"], "category": ["mis_selling", "fees"]})
result = risk_flags(toy_sales, toy_products, toy_recordings, toy_complaints)
assert list(result.index) == list(toy_sales.index), "结果的索引应与 sales 相同"  # [zh]
assert list(result.index) == list(toy_sales.index), "give the result the index of sales"  # [en]
assert [bool(x) for x in result] == [False, True, True, False, False, True, True, False], "s2 没有录音录像，s3 的录像不可用，s6 是货架外产品，s7 有销售误导投诉；s4、s8 不是网点销售，s5 是存款"  # [zh]
assert [bool(x) for x in result] == [False, True, True, False, False, True, True, False], "s2 has no recording, s3 an unusable video, s6 is off the shelf, s7 drew a mis-selling complaint; s4 and s8 are not in-branch sales, s5 is a deposit"  # [en]
### BEGIN HIDDEN TESTS
merged = (
    sales.merge(products[["product_id", "type", "on_shelf"]], on="product_id", how="left")
    .merge(recordings[["sale_id", "audio_ok", "video_ok", "in_sales_zone"]], on="sale_id", how="left")
)
good = merged.audio_ok.eq(True) & merged.video_ok.eq(True) & merged.in_sales_zone.eq(True)
needs = merged.channel.eq("branch") & merged.type.ne("deposit")
misled = merged.sale_id.isin(complaints.sale_id[complaints.category == "mis_selling"])
expected = ~merged.on_shelf.eq(True) | (needs & ~good) | misled
result = risk_flags(sales, products, recordings, complaints)
assert result.index.equals(sales.index)
assert [bool(x) for x in result] == list(expected)
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="analyst"
# ## 第 Q# 题（3 分）：可复现的按风险抽样
#
# 编写函数 `audit_sample(sales, flags, share, seed)`，返回审计样本（`sales` 的行，保留原有列，按 `sale_id` 升序排列），其中包括：
#
# 1. `flags` 为 `True` 的**全部**销售；
# 2. 从 `flags` 为 `False` 的销售中（保持它们在 `sales` 中的顺序）用 `DataFrame.sample(frac=share, random_state=seed)` 随机抽取的一部分。
#
# `flags` 是与 `sales` 索引相同的布尔 `Series`，例如上一题的结果。同样的参数必须抽出同样的样本。

# %% [markdown] lang="en" tracks="analyst"
# ## Question Q# (3 points): a risk-based sample that can be repeated
#
# Write `audit_sample(sales, flags, share, seed)`, returning the audit sample (rows of `sales`, with its columns, sorted by `sale_id`), made of:
#
# 1. **all** sales whose `flags` is `True`;
# 2. a random share of the sales whose `flags` is `False` (kept in their order in `sales`), drawn with `DataFrame.sample(frac=share, random_state=seed)`.
#
# `flags` is a boolean `Series` with the index of `sales`, such as the result of the previous question. The same arguments must always give the same sample.

# %% solution="sample" tracks="analyst"
def audit_sample(sales, flags, share, seed):
    ### BEGIN SOLUTION
    rest = sales[~flags].sample(frac=share, random_state=seed)
    return pd.concat([sales[flags], rest]).sort_values("sale_id")
    ### END SOLUTION


# %% mistake="sample" name="no-seed" tracks="analyst"
def audit_sample(sales, flags, share, seed):
    rest = sales[~flags].sample(frac=share)
    return pd.concat([sales[flags], rest]).sort_values("sale_id")


# %% mistake="sample" name="draws-from-all-sales" tracks="analyst"
def audit_sample(sales, flags, share, seed):
    rest = sales.sample(frac=share, random_state=seed)
    return pd.concat([sales[flags], rest]).drop_duplicates("sale_id").sort_values("sale_id")


# %% mistake="sample" name="samples-flagged-too" tracks="analyst"
def audit_sample(sales, flags, share, seed):
    flagged = sales[flags].sample(frac=share, random_state=seed)
    rest = sales[~flags].sample(frac=share, random_state=seed)
    return pd.concat([flagged, rest]).sort_values("sale_id")


# %% tracks="analyst" test="sample" points=3
toy = pd.DataFrame({"sale_id": [f"T{i:02d}" for i in range(1, 41)], "amount_cny": [1_000.0 * i for i in range(1, 41)]})
toy_flags = toy.sale_id.isin(["T03", "T10", "T22", "T37"])
assert audit_sample(toy, toy_flags, 0.0, 11).sale_id.tolist() == ["T03", "T10", "T22", "T37"], "share 为 0 时，样本正好是四笔有危险信号的销售"  # [zh]
assert audit_sample(toy, toy_flags, 0.0, 11).sale_id.tolist() == ["T03", "T10", "T22", "T37"], "with a share of 0 the sample is exactly the four flagged sales"  # [en]
assert audit_sample(toy, toy_flags, 1.0, 11).sale_id.tolist() == toy.sale_id.tolist(), "share 为 1 时，样本是全部 40 笔销售，按 sale_id 排列"  # [zh]
assert audit_sample(toy, toy_flags, 1.0, 11).sale_id.tolist() == toy.sale_id.tolist(), "with a share of 1 the sample is all 40 sales, sorted by sale_id"  # [en]
first, again = audit_sample(toy, toy_flags, 0.25, 11), audit_sample(toy, toy_flags, 0.25, 11)
assert list(first.columns) == list(toy.columns), "应返回 sales 的行，并保留原有列"  # [zh]
assert list(first.columns) == list(toy.columns), "return rows of sales with its columns"  # [en]
assert first.sale_id.tolist() == again.sale_id.tolist(), "同样的种子必须抽出同样的样本"  # [zh]
assert first.sale_id.tolist() == again.sale_id.tolist(), "the same seed must give the same sample"  # [en]
### BEGIN HIDDEN TESTS
hidden_flags = sales.amount_cny >= 1_000_000  # any rule will do: the sample must follow it
picked = audit_sample(sales, hidden_flags, 0.05, 2025)
expected = set(sales.sale_id[hidden_flags]) | set(sales.loc[~hidden_flags].sample(frac=0.05, random_state=2025).sale_id)
assert picked.sale_id.is_unique and picked.sale_id.is_monotonic_increasing
assert set(picked.sale_id) == expected
### END HIDDEN TESTS

# %% [markdown] lang="zh" tracks="frontline"
# ## 先看数据
#
# 下面的分析已经替你运行好。它按网点统计了金禾银行一年的销售记录中三类危险信号：
#
# - 产品**不在准入名单（货架）上**；
# - 网点销售非存款产品，却**没有录音录像**，或者录音录像**不可用**（录音或录像不完整，或者不在销售专区录制）；
# - 客户以**销售误导**为由投诉过这笔销售。
#
# 手机银行、网上银行和电话渠道的销售以及存款销售不需要网点录音录像，不计入第二类。最后一列是至少有一个危险信号、审计时必须全部检查的销售。

# %% [markdown] lang="en" tracks="frontline"
# ## First, the data
#
# The analysis below has been run for you. For each branch it counts three kinds of red flag in a year of Jinhe Bank's sales records:
#
# - the product is **not on the approved list** (the shelf);
# - an in-branch sale of a non-deposit product has **no recording**, or its recording is **not usable** (incomplete audio or video, or recorded outside the sales zone);
# - the customer complained about the sale for **mis-selling**.
#
# Sales through mobile banking, online banking or the phone, and deposit sales, need no in-branch recording and are not counted in the second kind. The last column counts the sales with at least one red flag, all of which an audit checks.

# %% tracks="frontline"
off_shelf = ~sales.product_id.isin(products.product_id[products.on_shelf])
product_type = sales.product_id.map(products.set_index("product_id").type)
needs_recording = sales.channel.eq("branch") & product_type.ne("deposit")
usable = recordings.recording_id[recordings.audio_ok & recordings.video_ok & recordings.in_sales_zone]
no_recording = needs_recording & sales.recording_id.isna()
not_usable = needs_recording & sales.recording_id.notna() & ~sales.recording_id.isin(usable)
mis_selling = sales.sale_id.isin(complaints.sale_id[complaints.category.eq("mis_selling")])
flagged = off_shelf | no_recording | not_usable | mis_selling
by_branch = pd.DataFrame({
    "sales": sales.groupby("branch_id").size(),
    "off_shelf": off_shelf.groupby(sales.branch_id).sum(),
    "no_recording": no_recording.groupby(sales.branch_id).sum(),
    "not_usable": not_usable.groupby(sales.branch_id).sum(),
    "mis_selling": mis_selling.groupby(sales.branch_id).sum(),
    "flagged": flagged.groupby(sales.branch_id).sum(),
}).sort_values("flagged", ascending=False)
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_zh)  # [zh]
by_branch.index = by_branch.index.map(bankdata.BRANCHES.set_index("branch_id").name_en)  # [en]
by_branch.columns = ["销售（笔）", "货架外产品（笔）", "应有录音录像却没有（笔）", "有录音录像但不可用（笔）", "销售误导投诉（笔）", "至少一个危险信号（笔）"]  # [zh]
by_branch.columns = ["Sales", "Off-shelf product", "No recording where one was needed", "Recording not usable", "Mis-selling complaint", "At least one red flag"]  # [en]
by_branch.rename_axis("网点")  # [zh]
by_branch.rename_axis("Branch")  # [en]

# %% question="flag-count"

# %% question="high-return"

# %% question="usable-recording"

# %% question="sales-spike"

# %% question="sampling-plan"

# %% [markdown] lang="zh"
# ## 第 Q# 题（4 分）：书面回答
#
# 你发现，某支行一名业绩最好的客户经理一年来向几十位富裕客户销售了两只"私募理财产品"，这两只产品不在本行货架上，许诺年收益 8% 以上，金额合计超过 1 亿元。
# 支行行长对你说："他是我们的业绩顶梁柱，这事在支行内部处理就行。我会让客户签一份自愿购买的声明，别往上报了。"
# 你会怎么做？请说明这些销售的性质、你要向谁报告、如何保护客户，以及需要检查和改进哪些内部控制，并引用相关规则或案例。（150–300 字）

# %% [markdown] lang="en"
# ## Question Q# (4 points): written answer
#
# You find that a branch's best-performing relationship manager has sold two "private wealth products" to dozens of wealthy customers over the past year. Neither product is on the bank's shelf, both promise more than 8% a year, and the total exceeds 100 million yuan.
# The branch manager tells you: "He is the backbone of our numbers. Let's deal with this inside the branch. I'll have the customers sign statements that they bought voluntarily; don't report it upward."
# What do you do? Describe the nature of these sales, whom you report to, how you protect the customers, and which internal controls must be checked and improved, citing the relevant rules or cases. (100–200 words)

# %% [markdown] written="off-book-escalation" points=4
# YOUR ANSWER HERE
