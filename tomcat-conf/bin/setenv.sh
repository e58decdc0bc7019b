#!/bin/sh
# Sourced by catalina.sh for this CATALINA_BASE. JVM flags and the node's settings, all from the environment
# (every variable below has a default; the application's own settings are read by conf/context.xml and by
# the application itself, see the README's configuration table).
#
#   TODO_HTTP_PORT         8000        the node's port (bin/stack: 8000 and 8001)
#   TODO_HTTP_ADDRESS      127.0.0.1   where it listens (0.0.0.0 only inside a container)
#   TODO_MAX_THREADS       MONGODB_MAX_POOL_SIZE or 100: request threads, one per MongoDB connection
#   TODO_INTERNAL_PROXIES  127.0.0.1 and ::1 (a regular expression): who may send X-Forwarded-*
#   TODO_HEAP              512m        heap size (-Xms = -Xmx: the heap never resizes under load)
#   TODO_JAVA_OPTS         (empty)     anything else for the JVM

: "${TODO_HTTP_PORT:=8000}"
: "${TODO_HTTP_ADDRESS:=127.0.0.1}"
: "${TODO_MAX_THREADS:=${MONGODB_MAX_POOL_SIZE:-100}}"
: "${TODO_INTERNAL_PROXIES:=127\.0\.0\.1|0:0:0:0:0:0:0:1|::1}"
: "${TODO_HEAP:=512m}"

# server.xml reads these as ${todo.*}.
CATALINA_OPTS="$CATALINA_OPTS -Dtodo.http.port=$TODO_HTTP_PORT -Dtodo.http.address=$TODO_HTTP_ADDRESS"
CATALINA_OPTS="$CATALINA_OPTS -Dtodo.max.threads=$TODO_MAX_THREADS"
CATALINA_OPTS="$CATALINA_OPTS '-Dtodo.internal.proxies=$TODO_INTERNAL_PROXIES'"

# ${NAME:-default} in conf/*.xml may name environment variables, not only system properties.
CATALINA_OPTS="$CATALINA_OPTS -Dorg.apache.tomcat.util.digester.PROPERTY_SOURCE=org.apache.tomcat.util.digester.EnvironmentPropertySource"

# Heap and GC: G1 with a fixed heap; GC log in logs/ with rotation (5 files of 10 MB).
CATALINA_OPTS="$CATALINA_OPTS -Xms$TODO_HEAP -Xmx$TODO_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=100"
CATALINA_OPTS="$CATALINA_OPTS '-Xlog:gc*:file=$CATALINA_BASE/logs/gc.log:time,uptime,level,tags:filecount=5,filesize=10m'"

# A JVM out of memory is in an unknown state: exit, and let supervisord (or systemd, or docker) restart it.
CATALINA_OPTS="$CATALINA_OPTS -XX:+ExitOnOutOfMemoryError"

# UTF-8 everywhere (Java 17 otherwise takes the locale's charset, ASCII in a bare container).
CATALINA_OPTS="$CATALINA_OPTS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8"

CATALINA_OPTS="$CATALINA_OPTS ${TODO_JAVA_OPTS:-}"
export CATALINA_OPTS
