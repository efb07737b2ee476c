"""Facts: the case file's typed model, and loading it with every problem located."""
