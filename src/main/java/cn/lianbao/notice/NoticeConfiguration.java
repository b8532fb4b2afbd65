package cn.lianbao.notice;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Notices: the outbox is sent on a schedule ({@link OutboxSender}), and {@code notices/defaults.properties}
 * gives the mail settings that suit an outbox (below {@code application.yml} and the environment, which
 * may change them): time-outs for the mail server, and no health check of Spring Boot's that would
 * report the whole application DOWN while the mail server is.
 */
@Configuration
@EnableScheduling
@PropertySource(value = "classpath:notices/defaults.properties", encoding = "UTF-8")
public class NoticeConfiguration {}
