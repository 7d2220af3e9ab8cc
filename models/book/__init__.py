"""The networks of *Dive into Deep Learning* (zh.d2l.ai chapters 6.6 and 7), one file each.

Each file builds its network exactly as the book's PyTorch code does, as an ``nn.Sequential``
whose top-level children are the book's layers and blocks, so that feeding an input through the
children one by one prints the book's shape tables. ``models.registry`` imports these modules.
"""
