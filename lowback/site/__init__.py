"""Publishing the series: the Voila server (``python -m lowback.site.serve``), pages without
code (``static_page``), the series' page templates, and the writer of every notebook's
navigation, safety box and contents (``python -m lowback.site.navigation``)."""
