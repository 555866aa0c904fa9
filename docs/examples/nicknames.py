# The manual's way of forgetting a client, with two clients called bob.
# Run it: python3 docs/examples/nicknames.py
clients = ['bob #1', 'alice', 'bob #2']  # stand-ins for three sockets, in order of arrival
nicknames = ['bob', 'alice', 'bob']      # the same index as in clients


def leave(client):
    # The manual's except: branch, line for line.
    index = clients.index(client)
    clients.remove(client)
    nickname = nicknames[index]
    print(f"{client} leaves: {nickname} left the chat !")
    nicknames.remove(nickname)  # removes the FIRST 'bob', bob #1's entry
    print(f"  clients   = {clients}\n  nicknames = {nicknames}")


leave('bob #2')
leave('alice')
