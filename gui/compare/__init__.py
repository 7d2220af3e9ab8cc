"""The compare view: 2–4 models side by side (``netgraph.compare`` does the geometry).

``controller`` hooks it into the window, ``view`` is the widget, ``scene`` draws a
``CompareFigure`` (the app and the exports), ``cli`` builds a comparison from ``main.py
export`` options without Qt. Nothing is imported here, so ``cli`` stays Qt-free.
"""
