"""Recipes that run bilateral on engines beyond one machine.

Each module needs its engine installed and is imported on its own:
:mod:`bilateral.contrib.dask` (``pip install "bilateral[dask]"``) and
:mod:`bilateral.contrib.spark` (pyarrow, in a Spark job that already has it).
"""
