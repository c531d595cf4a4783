"""Knowledge: embedding, the FAISS index, retrieval and ingestion. No web framework here."""
