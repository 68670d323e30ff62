import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugtest.settings")

from rugtest.handler import make_application  # noqa: E402

application = make_application()
