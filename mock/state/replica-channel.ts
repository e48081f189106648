/**
 * A channel between the replicas that share one store: what one replica sends, every replica on
 * the channel receives, itself included, in the order the store received the messages. Nothing is
 * kept: a replica that is not listening when a message is sent never sees it. Only a store shared
 * between processes has one (`Store.openChannel`); the memory store serves one process alone.
 */
export interface ReplicaChannel {
  /** Sends one message; resolves with how many replicas were listening, this one included. */
  send(message: string): Promise<number>;
  /**
   * Starts listening (once per channel); resolves once listening. `onJoined` runs then, and again
   * each time the channel is back after a lost connection: what was sent while away is lost.
   */
  listen(onMessage: (message: string) => void, onJoined: () => void): Promise<void>;
  /** Stops listening; the store closes its channels when it closes. */
  close(): Promise<void>;
}
