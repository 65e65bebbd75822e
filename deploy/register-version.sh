#!/usr/bin/env bash
# Uploads the bundle and registers it as an Elastic Beanstalk application version whose description
# records the SHA-256 of the jar inside, so anyone can check that what runs is what CI tested.
#
# Usage: deploy/register-version.sh JAR BUNDLE APPLICATION VERSION_LABEL BUCKET
#   JAR            the jar CI built and tested (the workflow artifact), also inside BUNDLE
#   BUNDLE         the zip from deploy/build-bundle.sh, uploaded to s3://BUCKET/bundles/VERSION_LABEL.zip
# Environment:
#   EXPECTED_JAR_SHA256  the digest the test job recorded next to the jar; a different jar is refused
#   GITHUB_REPOSITORY, GITHUB_RUN_ID  named in the description when set
#   AWS_CLI              the aws executable (default: aws); tests point it at a stand-in
#
# A re-run of the same commit finds its version registered: fine if it holds the same jar, an error
# if the label already names a different one (a version label must never change meaning).
set -euo pipefail

if (($# != 5)); then
  echo "usage: $0 JAR BUNDLE APPLICATION VERSION_LABEL BUCKET" >&2
  exit 2
fi
jar="$1"
bundle="$2"
application="$3"
label="$4"
bucket="$5"
aws_cli="${AWS_CLI:-aws}"

die() {
  echo "register-version: $*" >&2
  exit 1
}

[[ -f "${jar}" ]] || die "no jar at ${jar}"
[[ -f "${bundle}" ]] || die "no bundle at ${bundle}"
digest="$(sha256sum "${jar}" | cut -d' ' -f1)"
if [[ -n "${EXPECTED_JAR_SHA256:-}" && "${EXPECTED_JAR_SHA256}" != "${digest}" ]]; then
  die "the jar's SHA-256 is ${digest}, but the test job recorded ${EXPECTED_JAR_SHA256}; refusing to ship an untested jar"
fi
# At most 200 characters (CreateApplicationVersion); the digest comes first so it is never cut.
description="jar sha256:${digest} ${GITHUB_REPOSITORY:-local}@${label} run ${GITHUB_RUN_ID:-none}"
description="${description:0:200}"

existing="$("${aws_cli}" elasticbeanstalk describe-application-versions \
  --application-name "${application}" --version-labels "${label}" \
  --query 'ApplicationVersions[0].Description' --output text)"
if [[ -n "${existing}" && "${existing}" != "None" ]]; then
  if [[ "${existing}" == *"sha256:${digest}"* ]]; then
    echo "register-version: ${label} is already registered with this jar (sha256:${digest}); deploying it again."
    exit 0
  fi
  die "version ${label} already exists with another jar (${existing}); not overwriting it"
fi

"${aws_cli}" s3 cp "${bundle}" "s3://${bucket}/bundles/${label}.zip"
"${aws_cli}" elasticbeanstalk create-application-version \
  --application-name "${application}" \
  --version-label "${label}" \
  --description "${description}" \
  --source-bundle "S3Bucket=${bucket},S3Key=bundles/${label}.zip" \
  --query 'ApplicationVersion.VersionLabel' --output text
echo "register-version: registered ${label} (jar sha256:${digest})"
