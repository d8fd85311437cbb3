from django.contrib import admin
from django.urls import path

from batches import api_views, monitoring_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/batches/", api_views.batch_create, name="api-batch-create"),
    path("api/batches/<int:batch_id>/", api_views.batch_detail, name="api-batch-detail"),
    path("metrics", monitoring_views.metrics, name="metrics"),
]
