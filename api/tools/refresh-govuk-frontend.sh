#!/usr/bin/env bash
# Refreshes api/wwwroot/lib/govuk-frontend from the govuk-frontend npm package, as the ASP.NET Core
# templates keep their client libraries in wwwroot/lib: built files only, committed, so that running
# the service needs nothing but the .NET SDK. Usage: api/tools/refresh-govuk-frontend.sh [version]
#
# GOV.UK's typeface (GDS Transport) and crest may only be used by services on GOV.UK. A council's
# service is not one, so the font faces are taken out (text falls back to Arial, as the Design
# System's own fallback says) and the crest is not copied.
set -euo pipefail
version="${1:-6.6.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/wwwroot/lib/govuk-frontend"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack "govuk-frontend@$version" --silent >/dev/null && tar xzf "govuk-frontend-$version.tgz")
dist="$work/package/dist/govuk"

rm -rf "$dest"
mkdir -p "$dest/assets/images"
sed -E -e 's/@font-face\{[^}]*\}//g' -e 's/GDS Transport,//g' -e 's#url\(/assets/#url(/lib/govuk-frontend/assets/#g' \
  "$dist/govuk-frontend.min.css" > "$dest/govuk-frontend.min.css"
cp "$dist/govuk-frontend.min.js" "$dest/"
cp "$dist/assets/images/favicon.ico" "$dist/assets/images/favicon.svg" "$dest/assets/images/"
echo "$version" > "$dest/VERSION"
cat > "$dest/LICENSE.txt" <<LICENCE
govuk-frontend $version, from the npm package of the same name
(https://github.com/alphagov/govuk-frontend), under the MIT licence:

The MIT License (MIT)

Copyright (c) 2018 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

The GDS Transport typeface and the GOV.UK crest are not included: they are for GOV.UK services only.
LICENCE
echo "govuk-frontend $version in $dest"
