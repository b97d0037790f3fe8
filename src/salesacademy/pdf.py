"""Report pages printed to PDF by one warm headless Chromium per worker.

Starting Chromium takes a second or more; printing one report page takes a
fraction of that. So a worker launches Chromium once, through Playwright,
the first time it prints, and prints every later report of the run with the
same browser and the same tab, each report's page put in place of the last.
The pages print with scripts disabled and the network off: a report is a
standalone page (`report.to_html`) and has nothing to fetch.

A browser that died (killed, out of memory) is started again and the page
printed once more; a page that fails in a live browser fails alone, and
`academy report` lists it and goes on. The browser is Debian's ``chromium``
(Playwright's own download is not used), found on ``PATH``.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import threading

from .errors import AcademyError

#: Seconds Chromium may take to start, and to lay out one page.
LAUNCH_TIMEOUT_S = 60
PAGE_TIMEOUT_S = 60
#: Command-line switches beyond Playwright's own: no GPU process to start, nothing fetched in the background.
SWITCHES = ["--disable-gpu", "--disable-extensions", "--disable-background-networking", "--no-first-run"]


def chromium_executable() -> str:
    """Path of the Chromium that prints reports to PDF.

    Raises:
        AcademyError: Chromium is not installed.
    """
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise AcademyError("PDF reports need Chromium, which is not installed: install it "
                           "(scripts/os-packages runtime, or apt-get install chromium), or skip the PDF")
    return found


class Printer:
    """A headless Chromium kept running to print page after page; started on the first page.

    Playwright's synchronous objects belong to the thread that made them, so a
    printer is used by one thread only (`printer` keeps one per thread).
    """

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self._playwright = None
        self._browser = None
        self._context = None
        self._page = None  # the tab every page is printed in
        self.launches = 0  # how many times Chromium was started

    def print(self, html: str) -> bytes:
        """The PDF of the standalone page `html`, sized as its CSS ``@page`` rule says.

        Raises:
            RuntimeError: Chromium could not start, or could not print the page
                even after a restart.
        """
        from playwright.sync_api import Error

        for attempt in (1, 2):
            context = self._started()
            try:
                if self._page is None or self._page.is_closed():
                    self._page = context.new_page()
                self._page.set_content(html, wait_until="load", timeout=PAGE_TIMEOUT_S * 1000)
                return self._page.pdf(prefer_css_page_size=True)
            except Error as error:
                page, self._page = self._page, None  # the next page gets a fresh tab
                if page is not None:
                    with contextlib.suppress(Error):  # a browser that died took the tab with it
                        page.close()
                if attempt == 2 or self._browser.is_connected():
                    raise RuntimeError(_first_line(error)) from None
                self.close()  # the browser died: start another and print the page again
        raise AssertionError("unreachable")

    @property
    def pid(self) -> int | None:
        """Process id of the running browser, None when none runs."""
        if self._browser is None or not self._browser.is_connected():
            return None
        session = self._browser.new_browser_cdp_session()
        try:
            processes = session.send("SystemInfo.getProcessInfo")["processInfo"]
        finally:
            session.detach()
        return next(p["id"] for p in processes if p["type"] == "browser")

    def close(self) -> None:
        """Stop the browser and Playwright's driver; the next page starts them again."""
        browser, playwright = self._browser, self._playwright
        self._playwright = self._browser = self._context = self._page = None
        for stop in (browser.close if browser else None, playwright.stop if playwright else None):
            if stop is not None:
                with contextlib.suppress(Exception):  # already gone: nothing left to stop
                    stop()

    def start(self) -> None:
        """Start Chromium now, if it is not running, rather than with the first page.

        Raises:
            RuntimeError: Chromium could not start.
        """
        self._started()

    def _started(self):
        """The browser context pages are printed in, starting Chromium if it is not running."""
        if self._browser is not None and self._browser.is_connected():
            return self._context
        self.close()
        from playwright.sync_api import Error, sync_playwright

        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=self.executable, args=SWITCHES,
                                                             timeout=LAUNCH_TIMEOUT_S * 1000)
            self._context = self._browser.new_context(java_script_enabled=False, offline=True)
        except Error as error:
            self.close()
            raise RuntimeError(f"Chromium did not start: {_first_line(error)}") from None
        self.launches += 1
        return self._context


_printers = threading.local()


def printer(executable: str) -> Printer:
    """This thread's printer, stopped when the process exits."""
    found = getattr(_printers, "printer", None)
    if found is None or found.executable != executable:
        if found is not None:
            found.close()
        found = _printers.printer = Printer(executable)
        atexit.register(found.close)
    return found


def _first_line(error: BaseException) -> str:
    """Playwright's message without the call log it appends."""
    text = str(getattr(error, "message", "") or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
