"""Knowledge: embedding, the FAISS index, retrieval and ingestion. No web framework here."""


def worker_init() -> None:
    """Initialise a thread of the CPU pool: single-threaded FAISS and BLAS within it."""
    from knowledge.encoders import single_threaded_blas
    from knowledge.index import single_threaded

    single_threaded()
    single_threaded_blas()
