package cn.lianbao.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import org.camunda.bpm.webapp.impl.security.filter.CookieConfigurator;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every new webapp session its CSRF token in the request that creates it.
 *
 * <p>Camunda's CSRF filter creates a session's token on the first reading request that finds none, and
 * makes concurrent requests agree on one token by locking the session object. With sessions in the database
 * (Spring Session) each request works on a copy of its own, so the lock holds nothing: right after a login
 * (Camunda renews the session there, without a token) the webapps' parallel requests each made a token,
 * the browser kept one, the database another, and the next write was refused (403) and the login ended.
 *
 * <p>Here a session gets its token as it is created, the login's included, and the browser gets it as
 * Camunda would send it (cookie {@code XSRF-TOKEN} with Camunda's cookie settings, header {@code
 * X-XSRF-TOKEN}); the requests that follow find it in the session, on any node, and Camunda's filter, which
 * still checks every write, has nothing to create.
 */
public class CsrfTokenForNewSessions extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(CsrfTokenForNewSessions.class);

  private final SecureRandom random = new SecureRandom();
  private final CookieConfigurator cookies = new CookieConfigurator();

  /** {@code initParameters}: the init parameters of Camunda's CSRF filter (its cookie settings). */
  public CsrfTokenForNewSessions(Map<String, String> initParameters) {
    cookies.parseParams(new FilterConfig() {
      @Override
      public String getFilterName() {
        return "CsrfTokenForNewSessions";
      }

      @Override
      public ServletContext getServletContext() {
        return null;
      }

      @Override
      public String getInitParameter(String name) {
        return initParameters.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(initParameters.keySet());
      }
    });
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public HttpSession getSession() {
        return getSession(true);
      }

      @Override
      public HttpSession getSession(boolean create) {
        HttpSession session = super.getSession(create);
        if (session != null && session.isNew()
            && session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME) == null) {
          if (LOG.isDebugEnabled() && request.getRequestedSessionId() != null) {
            LOG.debug("{} {}: new session …{} in place of …{} (valid: {})", request.getMethod(), request.getRequestURI(),
                tail(session.getId()), tail(request.getRequestedSessionId()), request.isRequestedSessionIdValid());
          }
          giveToken(session, request, response);
        }
        return session;
      }
    }, response);
  }

  private void giveToken(HttpSession session, HttpServletRequest request, HttpServletResponse response) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String token = HexFormat.of().withUpperCase().formatHex(bytes);
    session.setAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME, token);
    String path = request.getContextPath() + ServletContextUtil.getAppPath(request.getServletContext());
    response.addHeader("Set-Cookie", cookies.getCookieName(CsrfConstants.CSRF_TOKEN_DEFAULT_COOKIE_NAME) + "=" + token
        + CsrfConstants.CSRF_PATH_FIELD_NAME + (path.isEmpty() ? "/" : path) + cookies.getConfig());
    response.setHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, token);
  }

  private static String tail(String id) {
    return id.length() <= 8 ? id : id.substring(id.length() - 8);
  }
}
