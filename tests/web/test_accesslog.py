"""rugtest/accesslog.py writes gunicorn's access line itself: it must be gunicorn's line."""

import datetime as dt
import re

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from rugtest.accesslog import AccessLogger


class Response:
    def __init__(self, status="200 OK", sent=2739):
        self.status, self.sent = status, sent
        self.headers = [("Content-Type", "text/html; charset=utf-8"), ("Vary", "Cookie")]


class Request:
    headers = [("HOST", "127.0.0.1:8000"), ("USER-AGENT", "wrk")]


ENVIRON = {"REMOTE_ADDR": "127.0.0.1", "REQUEST_METHOD": "GET", "RAW_URI": "/rugtest/uitslag/?print=1",
           "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": "/rugtest/uitslag/", "QUERY_STRING": "print=1"}
CASES = [
    (Response(), {}),
    (Response("302 Found", 0), {"HTTP_REFERER": "https://rugtest.example/rugtest/stap/1/", "HTTP_USER_AGENT": "Mozilla/5.0"}),
    (Response("404 Not Found", None), {"HTTP_USER_AGENT": 'a "quoted" agent', "RAW_URI": '/x"y'}),
    (Response(), {"HTTP_AUTHORIZATION": "Basic YW5uYTpzZWNyZXQ="}),  # anna:secret
    (Response("500 Internal Server Error", 57), {"REMOTE_ADDR": "2001:db8::1"}),
]
STAMP = re.compile(r"\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]")


def lines(logger_class, tmp_path, name, cases):
    config = Config()
    config.set("accesslog", str(tmp_path / name))
    logger = logger_class(config)
    for response, extra in cases:
        logger.access(response, Request(), {**ENVIRON, **extra}, dt.timedelta(microseconds=1500))
    return (tmp_path / name).read_text().splitlines()


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_line_is_gunicorns_line(tmp_path, case):
    ours = lines(AccessLogger, tmp_path, "ours.log", [CASES[case]])
    theirs = lines(Logger, tmp_path, "theirs.log", [CASES[case]])
    assert len(ours) == len(theirs) == 1
    assert STAMP.search(ours[0])
    assert STAMP.sub("[t]", ours[0]) == STAMP.sub("[t]", theirs[0])


def test_another_format_is_left_to_gunicorn(tmp_path):
    config = Config()
    config.set("accesslog", str(tmp_path / "custom.log"))
    config.set("access_log_format", "%(h)s %({user-agent}i)s %(s)s")
    AccessLogger(config).access(Response(), Request(), {**ENVIRON, "HTTP_USER_AGENT": "wrk"}, dt.timedelta(0))
    assert (tmp_path / "custom.log").read_text() == "127.0.0.1 wrk 200\n"


def test_no_access_log_writes_nothing(tmp_path):
    logger = AccessLogger(Config())
    logger.access(Response(), Request(), ENVIRON, dt.timedelta(0))  # no file configured: nothing to write to
    assert not logger.access_log_enabled
