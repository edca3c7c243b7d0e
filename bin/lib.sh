# shellcheck shell=bash
# Helpers shared by bin/estelled and bin/test. Source it; do not run it.
#
# The caller sets `set -euo pipefail`. Functions that cannot do their job print
# a precise message to stderr and `exit 1` (they end the calling script).
# Set ESTELLE_LOG_PREFIX before calling to change the message prefix.

# Oldest JDK major version that can build and run Estelle (maven.compiler.release).
ESTELLE_MIN_JAVA=25

# Silence the sun.misc.Unsafe warnings guava prints when Maven runs on JDK 25.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

estelle_log() {
    printf '%s: %s\n' "${ESTELLE_LOG_PREFIX:-estelled}" "$*" >&2
}

estelle_die() {
    estelle_log "$@"
    exit 1
}

# Print the major version of the JDK in directory $1 (e.g. 25, 17, 8), or
# nothing if $1 is not a usable JDK (needs bin/java and bin/javac).
# The `release` file is read first; `bin/java -version` is the fallback.
jdk_major() {
    local dir=$1 version=''
    [[ -x $dir/bin/java && -x $dir/bin/javac ]] || return 0
    if [[ -r $dir/release ]]; then
        version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$dir/release" 2>/dev/null | head -n 1 || true)
    fi
    if [[ -z $version ]]; then
        version=$("$dir/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1 || true)
    fi
    version=${version#1.}          # 1.8.0_292 -> 8.0_292
    version=${version%%[!0-9]*}    # 25.0.3 -> 25, 26-ea -> 26
    [[ -n $version ]] && printf '%s\n' "$((10#$version))"
    return 0
}

# Describe what jdk_major found in $1, for error messages.
jdk_describe() {
    local dir=$1 major
    if [[ ! -x $dir/bin/java ]]; then
        echo "no bin/java"
    elif [[ ! -x $dir/bin/javac ]]; then
        echo "no bin/javac (a JRE, not a JDK)"
    else
        major=$(jdk_major "$dir")
        echo "Java ${major:-of unknown version}"
    fi
}

# Find a JDK whose major version is >= ESTELLE_MIN_JAVA: $JAVA_HOME if it is
# good enough, otherwise the highest one under /usr/lib/jvm. Exports JAVA_HOME
# and puts its bin/ first on PATH (tests may start `java` themselves).
# ESTELLE_JVM_ROOT overrides /usr/lib/jvm (for testing this function).
find_jdk() {
    local min=$ESTELLE_MIN_JAVA major best='' best_major=0 dir
    local jvm_root=${ESTELLE_JVM_ROOT:-/usr/lib/jvm}
    local -a looked=()

    if [[ -n ${JAVA_HOME:-} ]]; then
        major=$(jdk_major "$JAVA_HOME")
        if [[ -n $major ]] && (( major >= min )); then
            export JAVA_HOME
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
        looked+=("JAVA_HOME=$JAVA_HOME: $(jdk_describe "$JAVA_HOME")")
    fi

    for dir in "$jvm_root"/*; do
        [[ -d $dir ]] || continue
        major=$(jdk_major "$dir")
        if [[ -n $major ]] && (( major >= min && major > best_major )); then
            best=$dir
            best_major=$major
        fi
        looked+=("$dir: $(jdk_describe "$dir")")
    done

    if [[ -z $best ]]; then
        {
            printf '%s: no JDK >= %s found. Looked at:\n' "${ESTELLE_LOG_PREFIX:-estelled}" "$min"
            if (( ${#looked[@]} == 0 )); then
                printf '  JAVA_HOME (unset) and %s/* (empty or missing)\n' "$jvm_root"
            else
                printf '  %s\n' "${looked[@]}"
            fi
            printf '%s: install a JDK %s (e.g. Temurin %s: apt-get install temurin-%s-jdk from https://packages.adoptium.net) and set JAVA_HOME to its directory\n' \
                "${ESTELLE_LOG_PREFIX:-estelled}" "$min" "$min" "$min"
        } >&2
        exit 1
    fi

    if [[ -n ${JAVA_HOME:-} ]]; then
        estelle_log "JAVA_HOME=$JAVA_HOME is not a JDK >= $min; using Java $best_major at $best"
    fi
    export JAVA_HOME=$best
    export PATH="$JAVA_HOME/bin:$PATH"
}

# ensure_command COMMAND DEBIAN_PACKAGE: make COMMAND available on PATH,
# installing DEBIAN_PACKAGE with apt-get when running as root.
ensure_command() {
    local cmd=$1 pkg=$2
    command -v "$cmd" >/dev/null 2>&1 && return 0

    if (( EUID != 0 )); then
        estelle_die "'$cmd' not found on PATH; install it with: sudo apt-get install -y $pkg"
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        estelle_die "'$cmd' not found on PATH and apt-get is not available; install the package that provides '$cmd' ($pkg on Debian/Ubuntu)"
    fi

    estelle_log "installing $pkg with apt-get ..."
    # Try without `apt-get update` first (fast when package lists are present),
    # then refresh the lists and retry. All apt output goes to stderr.
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >&2 2>/dev/null; then
        estelle_log "install failed; running apt-get update and retrying ..."
        DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 \
            || estelle_die "apt-get update failed; cannot install $pkg"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >&2 \
            || estelle_die "apt-get install -y --no-install-recommends $pkg failed"
    fi
    hash -r
    command -v "$cmd" >/dev/null 2>&1 \
        || estelle_die "installed $pkg but '$cmd' is still not on PATH (PATH=$PATH)"
}

# The daemon shells out to libvips' `vips` command line tool.
ensure_libvips_tools() {
    ensure_command vips libvips-tools
}

ensure_maven() {
    ensure_command mvn maven
}

# The JVM maps file names through the locale's charset (sun.jnu.encoding);
# under a non-UTF-8 locale (e.g. POSIX) non-ASCII file names break.
ensure_utf8_locale() {
    local charmap=''
    if command -v locale >/dev/null 2>&1; then
        charmap=$(locale charmap 2>/dev/null || true)
    else
        charmap=${LC_ALL:-${LC_CTYPE:-${LANG:-}}}
    fi
    case ${charmap^^} in
        *UTF-8* | *UTF8*) ;;
        *) export LC_ALL=C.UTF-8 ;;
    esac
}
