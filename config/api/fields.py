from django.urls import reverse
from rest_framework import serializers


class SelfLinkField(serializers.HyperlinkedIdentityField):
    """The resource's absolute API address, without the request's `?format=`.

    (DRF's own field carries the request's format into every link; a CSV request would then
    link to CSV detail pages that do not exist.)
    """

    def get_url(self, obj, view_name, request, format):
        if obj.pk is None:
            return None
        path = reverse(view_name, kwargs={self.lookup_url_kwarg: obj.pk})
        return request.build_absolute_uri(path) if request is not None else path
