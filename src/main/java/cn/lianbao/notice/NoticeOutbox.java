package cn.lianbao.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The table {@code LIANBAO_OUTBOX} (created by the Flyway migrations in {@code db/lianbao}): one row per notice and
 * recipient, unique by subject key, step, date and recipient. Rows are added in the caller's
 * transaction; the sender's claims and marks each commit on their own.
 */
@Component
public class NoticeOutbox {

  /** Where a notice stands. */
  public enum State {
    /** Not yet sent; after a failure ({@code attempts > 0}) tried again at {@code nextAttempt}. */
    PENDING,
    /** Handed to the mail server. */
    SENT,
    /** No mail server is configured: written to the log instead. */
    LOGGED
  }

  /** A row of the outbox. */
  public record Entry(String id, String subjectKey, NoticeStep step, Date eventDate, String userId, String email,
      String subject, String body, State state, int attempts, Date nextAttempt, String lastError, Date createdAt,
      Date sentAt) {}

  /** What the health indicator shows: notices waiting, those of them that failed, the oldest's age. */
  public record Counts(long pending, long failing, Date oldestPending) {}

  private static final Logger LOG = LoggerFactory.getLogger(NoticeOutbox.class);

  private static final String COLUMNS = "ID_, SUBJECT_KEY_, STEP_, EVENT_DATE_, USER_ID_, EMAIL_, SUBJECT_, BODY_, "
      + "STATE_, ATTEMPTS_, NEXT_ATTEMPT_, LAST_ERROR_, CREATED_AT_, SENT_AT_";

  /** A step with no date of its own is keyed by this one. */
  static final Date NO_DATE = new Date(0);

  private static final RowMapper<Entry> ENTRY = NoticeOutbox::entry;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;

  public NoticeOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Adds a notice unless the outbox holds one with the same key; in the caller's transaction.
   *
   * @return whether a row was added
   */
  public boolean add(String subjectKey, NoticeStep step, Date eventDate, String userId, String email,
      NoticeTemplates.Text text, Instant now) {
    Timestamp event = new Timestamp((eventDate == null ? NO_DATE : eventDate).getTime());
    Timestamp at = Timestamp.from(now);
    // INSERT … WHERE NOT EXISTS adds nothing for a key that is there (a retried job). Two transactions
    // racing for the same new key both pass the check; the unique key fails the slower one, whose
    // savepoint keeps its transaction usable (on PostgreSQL an error would otherwise abort it).
    try {
      Integer added = savepoint.execute(status -> jdbc.update(
          "INSERT INTO LIANBAO_OUTBOX (ID_, SUBJECT_KEY_, STEP_, EVENT_DATE_, USER_ID_, EMAIL_, SUBJECT_, BODY_, "
              + "STATE_, ATTEMPTS_, NEXT_ATTEMPT_, CREATED_AT_) "
              + "SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(32)), "
              + "CAST(? AS TIMESTAMP), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(1000)), "
              + "CAST(? AS VARCHAR(10000)), 'PENDING', 0, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP) "
              + "WHERE NOT EXISTS (SELECT 1 FROM LIANBAO_OUTBOX "
              + "WHERE SUBJECT_KEY_ = ? AND STEP_ = ? AND EVENT_DATE_ = ? AND USER_ID_ = ?)",
          UUID.randomUUID().toString(), subjectKey, step.name(), event, userId, email, text.subject(), text.body(),
          at, at, subjectKey, step.name(), event, userId));
      return added != null && added > 0;
    } catch (DuplicateKeyException raced) {
      LOG.debug("Notice {} of {} to {}: added by a concurrent transaction", step, subjectKey, userId);
      return false;
    }
  }

  /** Ids of pending notices due at {@code now} and claimed by no node, oldest first. */
  List<String> due(Instant now, int limit) {
    Timestamp at = Timestamp.from(now);
    return jdbc.queryForList("SELECT ID_ FROM LIANBAO_OUTBOX WHERE STATE_ = 'PENDING' AND NEXT_ATTEMPT_ <= ? "
        + "AND (CLAIMED_UNTIL_ IS NULL OR CLAIMED_UNTIL_ < ?) ORDER BY NEXT_ATTEMPT_, CREATED_AT_ "
        + "FETCH FIRST " + limit + " ROWS ONLY", String.class, at, at);
  }

  /**
   * Claims a pending notice for {@code node} until {@code until}, unless another node holds it.
   * One UPDATE, committed on its own: of two nodes, one changes the row and the other nothing.
   */
  Optional<Entry> claim(String id, String node, Instant now, Instant until) {
    int claimed = jdbc.update("UPDATE LIANBAO_OUTBOX SET CLAIMED_BY_ = ?, CLAIMED_UNTIL_ = ? "
            + "WHERE ID_ = ? AND STATE_ = 'PENDING' AND (CLAIMED_UNTIL_ IS NULL OR CLAIMED_UNTIL_ < ?)",
        node, Timestamp.from(until), id, Timestamp.from(now));
    if (claimed == 0) {
      return Optional.empty();
    }
    return jdbc.query("SELECT " + COLUMNS + " FROM LIANBAO_OUTBOX WHERE ID_ = ? AND CLAIMED_BY_ = ?", ENTRY, id, node)
        .stream().findFirst();
  }

  void markDone(String id, String node, State state, Instant at) {
    jdbc.update("UPDATE LIANBAO_OUTBOX SET STATE_ = ?, SENT_AT_ = ?, CLAIMED_BY_ = NULL, CLAIMED_UNTIL_ = NULL "
        + "WHERE ID_ = ? AND CLAIMED_BY_ = ?", state.name(), Timestamp.from(at), id, node);
  }

  void markFailed(String id, String node, int attempts, Instant nextAttempt, String error) {
    jdbc.update("UPDATE LIANBAO_OUTBOX SET ATTEMPTS_ = ?, NEXT_ATTEMPT_ = ?, LAST_ERROR_ = ?, "
            + "CLAIMED_BY_ = NULL, CLAIMED_UNTIL_ = NULL WHERE ID_ = ? AND CLAIMED_BY_ = ?",
        attempts, Timestamp.from(nextAttempt), truncate(error, 1000), id, node);
  }

  /** The notices of a subject (a milestone's business key, a task id), in the order they were added. */
  public List<Entry> entries(String subjectKey) {
    return jdbc.query("SELECT " + COLUMNS + " FROM LIANBAO_OUTBOX WHERE SUBJECT_KEY_ = ? "
        + "ORDER BY CREATED_AT_, STEP_, USER_ID_", ENTRY, subjectKey);
  }

  public Counts counts() {
    return jdbc.queryForObject("SELECT COUNT(*), "
        + "COALESCE(SUM(CASE WHEN ATTEMPTS_ > 0 THEN 1 ELSE 0 END), 0), MIN(CREATED_AT_) "
        + "FROM LIANBAO_OUTBOX WHERE STATE_ = 'PENDING'",
        (rs, row) -> new Counts(rs.getLong(1), rs.getLong(2),
            rs.getTimestamp(3) == null ? null : new Date(rs.getTimestamp(3).getTime())));
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    return new Entry(rs.getString("ID_"), rs.getString("SUBJECT_KEY_"), NoticeStep.valueOf(rs.getString("STEP_")),
        date(rs, "EVENT_DATE_"), rs.getString("USER_ID_"), rs.getString("EMAIL_"), rs.getString("SUBJECT_"),
        rs.getString("BODY_"), State.valueOf(rs.getString("STATE_")), rs.getInt("ATTEMPTS_"),
        date(rs, "NEXT_ATTEMPT_"), rs.getString("LAST_ERROR_"), date(rs, "CREATED_AT_"), date(rs, "SENT_AT_"));
  }

  private static Date date(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : new Date(value.getTime());
  }

  static String truncate(String text, int length) {
    if (text == null) {
      return null;
    }
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
