namespace AssistantKit.Realtime;

/// <summary>Who is online now, from the realtime connections of this node.</summary>
public interface IRealtimePresence
{
    /// <summary>Gets the users online now, with their number of connections, ordered by user id.</summary>
    /// <returns>The online users.</returns>
    IReadOnlyList<UserStatusUpdate> GetOnlineUsers();
}
