package cn.lianbao.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Test only: counts the SQL statements that the web server's request threads prepare while a
 * count runs ({@link #start()} … {@link #stop()}): every {@code prepareStatement},
 * {@code prepareCall} and {@code createStatement} on a connection of the application's
 * {@link DataSource}, which it wraps. Outside a count it only passes calls on.
 */
@Component
public class StatementCounter implements BeanPostProcessor {

  private static final Set<String> STATEMENTS = Set.of("prepareStatement", "prepareCall", "createStatement");
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static volatile boolean counting;

  /** Begins a count of the statements of the requests that follow. */
  public static void start() {
    COUNT.set(0);
    counting = true;
  }

  /** Ends the count: how many statements the requests since {@link #start()} prepared. */
  public static int stop() {
    counting = false;
    return COUNT.get();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource dataSource) || Proxy.isProxyClass(bean.getClass())) {
      return bean;
    }
    return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        passOn(dataSource, (method, result) -> result instanceof Connection connection && method.getName().equals("getConnection")
            ? Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                passOn(connection, (called, statement) -> {
                  if (counting && STATEMENTS.contains(called.getName())
                      && Thread.currentThread().getName().startsWith("http-")) {
                    COUNT.incrementAndGet();
                  }
                  return statement;
                }))
            : result));
  }

  private interface After {
    Object apply(Method method, Object result);
  }

  private static InvocationHandler passOn(Object target, After after) {
    return (proxy, method, arguments) -> {
      try {
        return after.apply(method, method.invoke(target, arguments));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
