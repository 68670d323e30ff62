"""The access log of `rugtest serve`: gunicorn's own lines, written without the logging module.

gunicorn makes each line through Python's logging (a log record, a dictionary of every
request and response header, a formatter), which took 75 µs a request in the profile: more
than a tenth of a whole stored page (docs/performance.md). For its default format and its
own file or stream, this writes the same line directly. Any other set-up (another format,
syslog, extra handlers) is left to gunicorn as it is.
"""

from __future__ import annotations

import logging
import traceback

from gunicorn import glogging
from gunicorn.config import AccessLogFormat

DEFAULT_FORMAT = AccessLogFormat.default


def _quoted(value: str) -> str:
    return value.replace('"', '\\"')  # as gunicorn's SafeAtoms


class AccessLogger(glogging.Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        handlers = self.access_log.handlers
        handler = handlers[0] if len(handlers) == 1 else None
        if (self.cfg.access_log_format != DEFAULT_FORMAT or handler is None or not getattr(handler, "_gunicorn", False)
                or type(handler) not in (logging.StreamHandler, logging.FileHandler)):
            return super().access(resp, req, environ, request_time)
        try:
            status = resp.status
            if isinstance(status, str):
                status = status.split(None, 1)[0]
            sent = getattr(resp, "sent", None)
            user = (self._get_user(environ) if environ.get("HTTP_AUTHORIZATION") else None) or "-"
            line = (f'{_quoted(environ.get("REMOTE_ADDR", "-"))} - {_quoted(user)} {self.now()} '
                    f'"{_quoted(environ["REQUEST_METHOD"])} {_quoted(environ["RAW_URI"])} '
                    f'{_quoted(environ["SERVER_PROTOCOL"])}" {_quoted(str(status))} '
                    f'{"-" if sent is None else sent} "{_quoted(environ.get("HTTP_REFERER", "-"))}" '
                    f'"{_quoted(environ.get("HTTP_USER_AGENT", "-"))}"\n')
            handler.acquire()
            try:
                handler.stream.write(line)
                handler.stream.flush()
            finally:
                handler.release()
        except Exception:
            self.error(traceback.format_exc())
