#!/usr/bin/env python3
"""Writes N files of 1-4 KB of random bytes into DIR (f000000.bin ...): the small-file load of the benchmarks.
Usage: bench/small-files.py DIR N"""
import os
import random
import sys

directory, count = sys.argv[1], int(sys.argv[2])
os.makedirs(directory, exist_ok=True)
random.seed(1)
for i in range(count):
    with open(os.path.join(directory, "f%06d.bin" % i), "wb") as f:
        f.write(os.urandom(random.randint(1024, 4096)))
