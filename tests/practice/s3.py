"""A real S3 API for tests: moto's standalone server on a free loopback port, nothing beyond it.

    with S3Server() as s3:
        s3.create_bucket("media", public_prefixes=PUBLIC_MEDIA_PREFIXES)
        with media_settings(s3.environ("media")):
            ...  # default_storage is the site's S3 storage, pointed at this server

`S3Server.environ(bucket)` is the environment a deployment would set (MEDIA_BUCKET and friends);
`media_settings` reads it through siteplatform/settings.py itself, so tests exercise the real
"# Media storage" block. Moto enforces the bucket policy for unsigned requests, as AWS does.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from django.conf import settings
from django.test import override_settings

from tests.environment import patched_environ, settings_from

# What README's bucket policy makes public: image originals and their renditions.
PUBLIC_MEDIA_PREFIXES = ("original_images/", "images/")
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",  # moto accepts any key
    # Keep boto3 from reading a developer's own profile or asking an instance metadata service.
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
REGION = "us-east-1"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class S3Server:
    """moto's S3 server in its own process on 127.0.0.1; a context manager that stops it."""

    def __init__(self):
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, timeout=30):
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "moto.server", "-p", str(self.port), "-H", "127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto.server exited with {self.process.returncode}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("moto.server did not start listening in time")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def client(self):
        """A signed (credentialed) S3 client, as the site's storage is."""
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            config=Config(s3={"addressing_style": "path"}),
        )

    def create_bucket(self, name, *, public_prefixes=()):
        """Creates the bucket, private except for anonymous GetObject under `public_prefixes`."""
        client = self.client()
        client.create_bucket(Bucket=name)
        if public_prefixes:
            client.put_bucket_policy(
                Bucket=name, Policy=json.dumps(public_read_policy(name, public_prefixes))
            )
        return name

    def keys(self, bucket):
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def environ(self, bucket):
        """The deployment's environment for media in `bucket` on this server."""
        return {
            "MEDIA_BUCKET": bucket,
            "MEDIA_ENDPOINT_URL": self.endpoint_url,
            "MEDIA_REGION": REGION,
            **CREDENTIALS,
        }


def public_read_policy(bucket, prefixes):
    """The bucket policy of README's "Media on object storage": public read of these prefixes only."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in prefixes],
            }
        ],
    }


def settings_from_environ(environ):
    """siteplatform/settings.py evaluated with `environ` added to the process environment."""
    return settings_from(environ)


@contextlib.contextmanager
def media_settings(environ):
    """Django settings whose media storage is what siteplatform/settings.py makes of `environ`.

    The environment stays set inside the block, since boto3 reads credentials from it.
    """
    configured = settings_from_environ(environ)
    storages = {**settings.STORAGES, "default": configured["STORAGES"]["default"]}
    with (
        patched_environ(environ),
        override_settings(
            STORAGES=storages,
            WAGTAILDOCS_SERVE_METHOD=configured.get("WAGTAILDOCS_SERVE_METHOD"),
            SECURE_CSP=configured["SECURE_CSP"],
            ADMIN_CSP=configured["ADMIN_CSP"],
        ),
    ):
        yield configured


def fetch(url):
    """GETs `url` with no credentials, as a browser would: (status, content type, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback test server
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()
