"""torch.fx tracing into networkx graphs, block recognition and diagram layout: no Qt."""
