"""drafter (公文起草助手): facts in, standard Chinese official documents out."""

__version__ = "0.1.0"
