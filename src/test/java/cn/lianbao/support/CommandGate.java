package cn.lianbao.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionContext;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Test only: makes engine commands meet, so that two requests really run at the same moment. While
 * a gate is open ({@link #hold}), each of the first {@code parties} commands of the named kinds waits,
 * after it has read and changed what it works on but before anything is written to the database,
 * until all of them have come that far; then they write at once, as two officers' requests do
 * under load. Closed, it does nothing. With {@link Gate#firstToCommit}, the other commands write only
 * after that one has committed, so that it is the one that wins.
 */
@Component
public class CommandGate extends AbstractProcessEnginePlugin {

  private static volatile Gate open;
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Holds the first {@code parties} top-level commands whose class's simple name is in {@code commands}. */
  public static Gate hold(int parties, String... commands) {
    Gate gate = new Gate(parties, Set.of(commands));
    open = gate;
    return gate;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }
    // inside the command context: after the command's work, before the context flushes it
    interceptors.add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
          T result = next.execute(command);
          Gate gate = open;
          String name = command.getClass().getSimpleName();
          if (gate != null && depth[0] == 1 && gate.commands.contains(name)) {
            gate.arrive(name);
          }
          return result;
        } finally {
          depth[0]--;
        }
      }
    });
  }

  /** An open gate; closing it lets every later command pass. */
  public static final class Gate implements AutoCloseable {

    private final int parties;
    private final Set<String> commands;
    private final CyclicBarrier barrier;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final CountDownLatch firstDone = new CountDownLatch(1);
    private volatile String first;

    private Gate(int parties, Set<String> commands) {
      this.parties = parties;
      this.commands = commands;
      this.barrier = new CyclicBarrier(parties);
    }

    /** Lets the command of this kind (one of the named) write first; the others wait for its commit. */
    public Gate firstToCommit(String command) {
      this.first = command;
      return this;
    }

    private void arrive(String command) {
      if (arrivals.incrementAndGet() > parties) {
        return;
      }
      await(() -> barrier.await(30, TimeUnit.SECONDS));
      if (first == null) {
        return;
      }
      if (first.equals(command)) {
        TransactionContext transaction = Context.getCommandContext().getTransactionContext();
        transaction.addTransactionListener(TransactionState.COMMITTED, context -> firstDone.countDown());
        transaction.addTransactionListener(TransactionState.ROLLED_BACK, context -> firstDone.countDown());
      } else {
        await(() -> {
          if (!firstDone.await(30, TimeUnit.SECONDS)) {
            throw new TimeoutException();
          }
          return null;
        });
      }
    }

    private static void await(Callable<?> waiting) {
      try {
        waiting.call();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at the gate", e);
      } catch (Exception e) {
        throw new IllegalStateException("the other command never reached the gate", e);
      }
    }

    /** How many commands of the named kinds ran (to the gate) while it was open. */
    public int arrivals() {
      return arrivals.get();
    }

    @Override
    public void close() {
      if (open == this) {
        open = null;
      }
    }
  }
}
