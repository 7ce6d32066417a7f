"""Gunicorn settings of sus, used by `make serve` and deploy/systemd/sus.service.

Environment: SUS_BIND (address, default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes,
default 3; about 2 per core). Gunicorn writes no access log: the app logs one JSON line per
request itself (sus/logging.py), and gunicorn's own lines use the same JSON formatter.
"""

import os

bind = os.environ.get("SUS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 60  # a year-long report takes seconds at national scale; longer is a hung worker
graceful_timeout = 30
# Trust X-Forwarded-* only from the proxy in front (same host by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sus.logging.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {"gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False}},
    "root": {"level": "INFO", "handlers": []},
}
control_socket_disable = True  # gunicorn ≥ 24; several servers may share a host
