"""Writes tests/fixtures/tokens/: token files as nanoGPT's preparation scripts write them, with
numpy (`np.array(ids, dtype=np.uint16).tofile(path)`), so that tests/tokens.rs checks the reader
against files it did not write. Run once with numpy installed; the files are committed.

  python3 scripts/gen/token_fixture.py
"""

from pathlib import Path

import numpy as np

# Ids with every byte pattern the reader must get right: zero, one byte, two bytes, the uint16
# maximum (uint16 file) and values past it (uint32 file).
IDS16 = [0, 1, 255, 256, 4095, 12345, 50256, 65535]
IDS32 = [0, 65535, 65536, 100000, 16777216, 4294967295]

out = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "tokens"
out.mkdir(parents=True, exist_ok=True)
np.array(IDS16, dtype=np.uint16).tofile(out / "nanogpt_uint16.bin")
np.array(IDS32, dtype=np.uint32).tofile(out / "uint32.bin")
