"""The model: what every other layer may import. The build object (build.py), the content kinds
(kinds.py), settings defaults, the site's address, what is listed (listed.py), and the
libraries: errors and the one header reader (error_report, also a plugin that prints them),
plain text (plain_text), finishing steps (finishing), hub pages (hubs). Imports only compat."""
