#!/usr/bin/env bash
# Builds Ferry's app image with jpackage (JDK 17+): target/installer/Ferry/bin/Ferry runs the console, or the
# CLI when given a verb (e.g. `target/installer/Ferry/bin/Ferry --version`). With --deb it also builds a .deb
# (needs fakeroot and dpkg-deb) that depends on libgtk-3-0, which JavaFX needs to open a window.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
[ -f target/ferry.jar ] || mvn -B -q -DskipTests package

input=$(mktemp -d)
trap 'rm -rf "$input"' EXIT
cp target/ferry.jar "$input/"
rm -rf target/installer/Ferry
mkdir -p target/installer

common=(--name Ferry --app-version "$version" --input "$input" --main-jar ferry.jar
        --main-class dev.ferry.app.Launcher --java-options "-Dprism.order=sw,es2" --java-options "-XX:+UseZGC"
        --description "Operator console and CLI for data migrations on MongoDB and PostgreSQL"
        --vendor "Ferry" --dest target/installer)

jpackage --type app-image "${common[@]}"
echo "app image: target/installer/Ferry (run target/installer/Ferry/bin/Ferry)"

if [ "${1:-}" = "--deb" ]; then
    jpackage --type deb "${common[@]}" --linux-package-deps libgtk-3-0 --linux-shortcut
    echo "package: $(ls target/installer/*.deb)"
fi
