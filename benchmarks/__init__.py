"""`make bench`: each benchmark prints its ratio against a baseline measured in the same run."""
