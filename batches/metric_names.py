"""Names of the metrics the original seed reported per batch (`batchMetrics`), in its order.
The CLI's batch document and the batch page's first metric row both show exactly these."""

SEED_METRICS = (
    "totalProcessed",
    "successCount",
    "failureCount",
    "processingTimeMs",
    "templateCacheHits",
    "templateCacheMisses",
)
