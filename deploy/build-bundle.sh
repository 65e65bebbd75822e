#!/usr/bin/env bash
# Builds the Elastic Beanstalk source bundle: the prebuilt jar, the Procfile and the platform
# configuration, nothing else. Instances run the jar as it is; they never compile.
#
# Usage: deploy/build-bundle.sh [JAR] [OUTPUT]
#   JAR     the runnable jar (default: target/resume-site.jar, from `mvn -B -DskipTests package`)
#   OUTPUT  the zip to write (default: target/deploy-bundle.zip)
#
# The zip is written with the JDK's `jar` tool when it is on PATH (every machine that builds the jar
# has it), otherwise with `zip` (the deploy job runs no JDK; GitHub's runners have zip).
# BUNDLE_ARCHIVER=jar|zip chooses. `jar` records no Unix permissions, so .platform hooks, which
# must be executable, are refused below rather than shipped broken.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar_path="${1:-${repo_root}/target/resume-site.jar}"
out_path="${2:-${repo_root}/target/deploy-bundle.zip}"

die() {
  echo "build-bundle: $*" >&2
  exit 1
}

[[ -f "${jar_path}" ]] || die "no jar at ${jar_path}; build it first with: mvn -B -DskipTests package"
archiver="${BUNDLE_ARCHIVER:-}"
if [[ -z "${archiver}" ]]; then
  if command -v jar >/dev/null 2>&1; then archiver=jar; else archiver=zip; fi
fi
case "${archiver}" in
  jar | zip) command -v "${archiver}" >/dev/null 2>&1 || die "${archiver} is not on PATH; install a JDK or zip" ;;
  *) die "BUNDLE_ARCHIVER must be jar or zip, not ${archiver}" ;;
esac
[[ -f "${repo_root}/deploy/eb/Procfile" ]] || die "missing deploy/eb/Procfile"

if [[ -d "${repo_root}/.platform/hooks" || -d "${repo_root}/.platform/confighooks" ]]; then
  die ".platform hooks need the executable bit, which jar cannot store; build the zip with a tool that keeps Unix permissions before adding hooks"
fi

staging="$(mktemp -d)"
trap 'rm -rf "${staging}"' EXIT

cp "${jar_path}" "${staging}/resume-site.jar"
cp "${repo_root}/deploy/eb/Procfile" "${staging}/Procfile"

# Elastic Beanstalk reads only *.config files from .ebextensions; copy exactly those.
mkdir "${staging}/.ebextensions"
config_count=0
for config in "${repo_root}"/.ebextensions/*.config; do
  [[ -f "${config}" ]] || continue
  cp "${config}" "${staging}/.ebextensions/"
  config_count=$((config_count + 1))
done
((config_count > 0)) || die "no .ebextensions/*.config files found"

if [[ -d "${repo_root}/.platform" ]]; then
  cp -R "${repo_root}/.platform" "${staging}/.platform"
fi

mkdir -p "$(dirname "${out_path}")"
out_abs="$(cd "$(dirname "${out_path}")" && pwd)/$(basename "${out_path}")"
rm -f "${out_abs}"
if [[ "${archiver}" == jar ]]; then
  jar --create --no-manifest --file "${out_abs}" -C "${staging}" .
else
  # -X: no extra file attributes (owners, times beyond the standard ones), like jar.
  (cd "${staging}" && zip -q -r -X "${out_abs}" .)
fi

echo "build-bundle: wrote ${out_abs}"
