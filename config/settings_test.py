"""Settings for the test suite: the normal settings in test mode (fast hashing, in-memory e-mail)."""

import os

os.environ["SCOTEMP_MODE"] = "test"

from config.settings import *  # noqa: F403
