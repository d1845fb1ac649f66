package dev.strata;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A DataSource whose connections run a hook once, just before the engine's first {@code BEGIN
 * IMMEDIATE}: a test hook for what another process does between the engine's look at the history
 * and its taking of the write lock.
 */
final class BeforeBegin {
  private BeforeBegin() {}

  static DataSource dataSource(String url, Runnable hook) {
    AtomicBoolean ran = new AtomicBoolean();
    return proxy(
        DataSource.class,
        (proxy, method, args) ->
            method.getName().equals("getConnection")
                ? connection(DriverManager.getConnection(url), hook, ran)
                : defaults(method));
  }

  private static Connection connection(Connection real, Runnable hook, AtomicBoolean ran) {
    return proxy(
        Connection.class,
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          return method.getName().equals("createStatement")
              ? statement((Statement) result, hook, ran)
              : result;
        });
  }

  private static Statement statement(Statement real, Runnable hook, AtomicBoolean ran) {
    return proxy(
        Statement.class,
        (proxy, method, args) -> {
          if (method.getName().equals("execute")
              && args != null
              && "BEGIN IMMEDIATE".equals(args[0])
              && ran.compareAndSet(false, true)) {
            hook.run();
          }
          return invoke(real, method, args);
        });
  }

  private static Object defaults(Method method) {
    return method.getReturnType() == int.class ? 0 : null;
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T)
        Proxy.newProxyInstance(BeforeBegin.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
