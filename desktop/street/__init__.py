from desktop.core import input_errors  # noqa: F401 - registers the sentences of refused input
