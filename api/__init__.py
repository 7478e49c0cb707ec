"""
The open agenda API (/api/): read-only JSON of the agenda, the initiatives with their free places, and the
drop-in hours.

Its own app because it is a public contract with its own versioning (/api/v1/): other sites and apps build on
its paths and fields, which stay the same while the pages change. It reads the agenda's and the apps' query
functions and models, never their views, so the API and the pages cannot disagree.
"""
