import pytest
from channels.layers import channel_layers

# Real app processes on a Redis of the test's own, for what must hold across processes.
from breathingroom.tests.servers import app_processes, private_redis  # noqa: F401


@pytest.fixture(autouse=True)
def _in_memory_layer(settings):
    # These tests drive the consumer inside throwaway event loops; a Redis layer's blocking read
    # would outlive them. The Redis layer itself is proven by the health and browser tests.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
