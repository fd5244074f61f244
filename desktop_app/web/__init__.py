"""The QtWebEngine side of TechMICE: the embedded 会引擎 H5 app view.

Importing QtWebEngine costs start-up time (Chromium is loaded with it), and most sessions open
the app view late or never. So this package's ``__init__`` imports nothing: the main window
imports ``desktop_app.web.view.AppView`` when the view is first needed. ``origins`` and
``error_page`` are plain Python and safe to import anywhere.

Modules: ``origins`` (which URLs may load and get the token), ``interceptor`` (adds the
``Authorization`` header), ``profile`` (the one factory for the persistent web profile),
``page`` (navigation, new-window, permission and certificate policy), ``view`` (the widget).
"""
