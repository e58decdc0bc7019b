# The todo service as a container: the WAR built with the project's Maven wrapper, deployed as ROOT.war in
# Tomcat 11 on a Java 17 runtime, with tomcat-conf/ as CATALINA_BASE (the same files bin/stack uses).
#   docker build -t todo .
#   docker run -p 8000:8000 -e MONGODB_URI=mongodb://db.example:27017/todo -e REDIS_URI=redis://cache:6379 todo
# docker-compose.yml runs it as two nodes behind nginx, and as two job workers (todoservice.WorkerMain). Every setting is an environment variable (README).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# Dependencies first, so a source change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# Tests run in CI (.ci/run), not in the image build.
RUN ./mvnw -B -q package -Dmaven.test.skip=true
# The job worker process runs from the WAR's own classes and libraries (docker-compose.yml's worker service).
RUN mkdir -p target/worker && cd target/worker && jar xf ../todo.war WEB-INF/classes WEB-INF/lib

FROM tomcat:11.0-jre17-temurin
ENV CATALINA_BASE=/srv/todo \
    TODO_HTTP_ADDRESS=0.0.0.0 \
    TODO_HTTP_PORT=8000
# A CATALINA_BASE of our own: the image's webapps (and any manager or examples) are never deployed.
RUN mkdir -p "$CATALINA_BASE/logs" "$CATALINA_BASE/temp" "$CATALINA_BASE/work" "$CATALINA_BASE/webapps" \
        "$CATALINA_BASE/conf" \
    && cp "$CATALINA_HOME/conf/web.xml" "$CATALINA_HOME/conf/catalina.properties" "$CATALINA_BASE/conf/" \
    && groupadd --system todo && useradd --system --gid todo --home-dir "$CATALINA_BASE" todo
COPY tomcat-conf/ /srv/todo/
COPY --from=build /build/target/todo.war /srv/todo/webapps/ROOT.war
# server.xml's error-report valve (Tomcat's own refusals as problem+json), loaded by Tomcat from lib/.
COPY --from=build /build/target/todo-container.jar /srv/todo/lib/
COPY --from=build /build/target/worker/ /srv/todo/worker/
RUN chown -R todo:todo "$CATALINA_BASE/logs" "$CATALINA_BASE/temp" "$CATALINA_BASE/work" "$CATALINA_BASE/webapps"
USER todo
WORKDIR /srv/todo
EXPOSE 8000
# In the foreground, so the container stops (gracefully) on docker stop's SIGTERM.
CMD ["catalina.sh", "run"]
