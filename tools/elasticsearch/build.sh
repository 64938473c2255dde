#!/usr/bin/env bash
# Assembles the development/test Elasticsearch 8 node from Maven Central (no Docker, no download site needed):
#   lib/server/                         the server jar and its dependencies (module path of the JVM)
#   lib/launcher/                       dev.omnibox.elasticsearch.Launcher (launcher/src), boots one node
#   lib/home/modules/transport-netty4/  the HTTP and transport layer, as in the distribution
#   lib/home/modules/omnibox-dev-support/  GET / and a subset of analysis-common (plugin/src)
#   lib/home/plugins/                   empty
# lib/ is git-ignored. Rebuilt only when pom.xml, this script or the Java sources change; a second run returns
# at once. Only Maven Central is contacted (through mvn, into ~/.m2); the node itself never goes online.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/lib"
stamp="$lib/.stamp"

say() { printf '[engines] %s\n' "$*"; }

want="$(cd "$here" && cat pom.xml build.sh $(find launcher/src plugin/src -name '*.java' | LC_ALL=C sort) | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && [ -d "$lib/server" ] && [ -d "$lib/launcher" ] && [ -d "$lib/home/modules" ]; then
  exit 0
fi

command -v java >/dev/null || { say "Elasticsearch: Java 17 or later is required (apt-get install openjdk-17-jdk-headless)"; exit 1; }
command -v javac >/dev/null || { say "Elasticsearch: javac (a JDK, not only a JRE) is required (apt-get install openjdk-17-jdk-headless)"; exit 1; }
command -v mvn >/dev/null || { say "Elasticsearch: Maven is required to fetch the jars (apt-get install maven)"; exit 1; }
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then say "Elasticsearch: Java 17 or later is required, found $java_major"; exit 1; fi

es_version="$(sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' "$here/pom.xml")"
say "assembling Elasticsearch $es_version from Maven Central (first time only, under a minute)"

mkdir -p "$lib"
work="$(mktemp -d "$lib/.build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# 1. The jars: the server with its dependencies, and the netty4 transport with its own.
mvn_log="$work/mvn.log"
if ! (cd "$here" && mvn -B -q -Dstyle.color=never -f pom.xml dependency:copy-dependencies \
  -DoutputDirectory="$work/jars" -DincludeScope=runtime -Dmdep.overWriteReleases=true) >"$mvn_log" 2>&1; then
  cat "$mvn_log" >&2
  say "Elasticsearch: mvn could not fetch the jars from Maven Central (output above)"
  exit 1
fi
mkdir -p "$work/server" "$work/home/modules/transport-netty4" "$work/home/modules/omnibox-dev-support" "$work/home/plugins"
shopt -s nullglob
netty=("$work"/jars/transport-netty4-*.jar "$work"/jars/elasticsearch-ssl-config-*.jar "$work"/jars/netty-*.jar)
[ ${#netty[@]} -ge 3 ] || { say "Elasticsearch: transport-netty4 jars missing after mvn"; exit 1; }
mv "${netty[@]}" "$work/home/modules/transport-netty4/"
mv "$work"/jars/*.jar "$work/server/"
[ -f "$work/server/elasticsearch-$es_version.jar" ] || { say "Elasticsearch: server jar missing after mvn"; exit 1; }

descriptor() { # name classname description [modulename]
  {
    echo "description=$3"
    echo "version=$es_version"
    echo "name=$1"
    echo "classname=$2"
    echo "java.version=17"
    echo "elasticsearch.version=$es_version"
    if [ -n "${4:-}" ]; then echo "modulename=$4"; fi
  }
}
descriptor transport-netty4 org.elasticsearch.transport.netty4.Netty4Plugin "Netty 4 based transport implementation" \
  org.elasticsearch.transport.netty4 > "$work/home/modules/transport-netty4/plugin-descriptor.properties"

# 2. The launcher and the support module, compiled against the server's modules.
javac_opts=(--release 17 -nowarn -encoding UTF-8 -p "$work/server" --add-modules ALL-MODULE-PATH)
mkdir -p "$work/launcher" "$work/plugin-classes"
javac "${javac_opts[@]}" -d "$work/launcher" $(find "$here/launcher/src" -name '*.java')
javac "${javac_opts[@]}" -d "$work/plugin-classes" $(find "$here/plugin/src" -name '*.java')
jar --create --file "$work/home/modules/omnibox-dev-support/omnibox-dev-support.jar" -C "$work/plugin-classes" .
descriptor omnibox-dev-support dev.omnibox.elasticsearch.devsupport.DevSupportPlugin \
  "omnibox development node: GET / and a subset of analysis-common" > "$work/home/modules/omnibox-dev-support/plugin-descriptor.properties"

# 3. Into place (a running node keeps the files it has open).
rm -rf "$lib/server" "$lib/launcher" "$lib/home" "$lib/classes" "$lib/pclasses"
mv "$work/server" "$work/launcher" "$work/home" "$lib/"
echo "$es_version" > "$lib/VERSION"
echo "$want" > "$stamp"
say "Elasticsearch $es_version ready (tools/elasticsearch/command.js starts a node)"
