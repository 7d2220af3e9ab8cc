"""The training engine: the book's recipe on uint8 data sets kept on the device.

``Trainer(TrainConfig(model=...), run_dir).run()`` trains; subscribe to its events
(:mod:`models.training.events`) to follow it. ``main.py train`` is :func:`cli.train_cli`.
"""
