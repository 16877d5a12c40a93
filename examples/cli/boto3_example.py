"""boto3 against `kmsw serve`: encrypt and decrypt with the seeded key, then read kmsw's request log."""
import json
import sys
import urllib.request

import boto3

endpoint = sys.argv[1]
kms = boto3.client(
    "kms",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIAEXAMPLE",
    aws_secret_access_key="example",
)

blob = kms.encrypt(KeyId="alias/cli", Plaintext=b"from boto3")["CiphertextBlob"]
plain = kms.decrypt(CiphertextBlob=blob)["Plaintext"]
assert plain == b"from boto3", plain

try:
    kms.describe_key(KeyId="alias/missing")
    raise AssertionError("describe_key of a missing alias succeeded")
except kms.exceptions.NotFoundException as error:
    assert "alias/missing" in str(error), error

log = json.load(urllib.request.urlopen(f"{endpoint}/_kmsw/requests"))
operations = [entry["operation"] for entry in log]
assert operations[-3:] == ["Encrypt", "Decrypt", "DescribeKey"], operations
assert log[-3]["request"]["Plaintext"] == "<redacted 10 bytes>", log[-3]
print("ok: boto3 encrypt/decrypt/describe-key, request log read over /_kmsw/requests")
