package cn.lianbao.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the webapps the engine's time: every answer of their API carries
 * {@code X-Lianbao-Engine-Time} (milliseconds since the epoch). During a rehearsal the engine runs
 * ahead of the browser ({@code cn.lianbao.demo.RehearsalClock}); Tasklist's relative times and its
 * red "late" follow the engine (app/tasklist/scripts/lianbao.js). Outside a rehearsal the header
 * is simply the server's time.
 */
public class EngineClockHeader extends OncePerRequestFilter {

  public static final String HEADER = "X-Lianbao-Engine-Time";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(HEADER, Long.toString(ClockUtil.getCurrentTime().getTime()));
    chain.doFilter(request, response);
  }
}
