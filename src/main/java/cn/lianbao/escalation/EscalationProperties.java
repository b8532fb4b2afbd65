package cn.lianbao.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The figures of the escalation ladder, {@code lianbao.escalation.*} (the reminder lies
 * {@code lianbao.follow-up-days} before the deadline).
 *
 * @param level2AfterDays days after the deadline at which the supervisors get the case at the earliest
 * @param superviseDays days the supervisors' tasks are due after they open
 */
@ConfigurationProperties("lianbao.escalation")
public record EscalationProperties(@DefaultValue("15") int level2AfterDays, @DefaultValue("7") int superviseDays) {}
