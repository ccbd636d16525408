from desktop.meetings import minutes_texts  # noqa: F401 - registers the sentences of meetings, minutes, resolutions and tasks
