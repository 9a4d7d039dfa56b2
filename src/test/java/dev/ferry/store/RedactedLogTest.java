package dev.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedactedLogTest {

    @Test
    void theLogLayoutRedactsMessagesAndStackTraces() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n%rex");
        encoder.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        Logger logger = context.getLogger("redaction-test");
        logger.addAppender(appender);
        try {
            logger.warn("connecting to mongodb://ops:hunter2@db1/app",
                    new IllegalStateException("refused: mongodb://ops:hunter2@db1/app"));
        } finally {
            logger.detachAppender(appender);
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("mongodb://ops:***@db1/app").contains("IllegalStateException").doesNotContain("hunter2");
    }
}
