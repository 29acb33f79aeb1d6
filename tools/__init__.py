"""Developer tools: benchmark (bench.py) and synthetic records (synth.py)."""
